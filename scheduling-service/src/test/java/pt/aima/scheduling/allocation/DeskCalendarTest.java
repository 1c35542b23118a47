package pt.aima.scheduling.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import pt.aima.scheduling.allocation.DeskCalendar.Position;

class DeskCalendarTest {

    private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 27);
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 30);

    private final DeskCalendar desk = new DeskCalendar(40, LocalTime.of(9, 0), 15);

    @Test
    void theFirstBookableDayIsTheNextWorkingDay() {
        assertThat(desk.firstBookableAfter(LocalDate.of(2026, 11, 23)))
                .isEqualTo(new Position(LocalDate.of(2026, 11, 24), 0));
        assertThat(desk.firstBookableAfter(FRIDAY)).isEqualTo(new Position(MONDAY, 0));
        assertThat(desk.firstBookableAfter(LocalDate.of(2026, 11, 28))).isEqualTo(new Position(MONDAY, 0));
    }

    @Test
    void slotsFollowEachOtherEveryFifteenMinutesFromNine() {
        assertThat(desk.startsAt(new Position(MONDAY, 0))).isEqualTo(LocalDateTime.of(2026, 11, 30, 9, 0));
        assertThat(desk.startsAt(desk.next(new Position(MONDAY, 0)))).isEqualTo(LocalDateTime.of(2026, 11, 30, 9, 15));
        assertThat(desk.startsAt(new Position(MONDAY, 39))).isEqualTo(LocalDateTime.of(2026, 11, 30, 18, 45));
    }

    @Test
    void aFullDayContinuesOnTheNextWorkingDay() {
        assertThat(desk.next(new Position(MONDAY, 39))).isEqualTo(new Position(MONDAY.plusDays(1), 0));
        assertThat(desk.next(new Position(FRIDAY, 39))).isEqualTo(new Position(MONDAY, 0));
    }

    @Test
    void aPositionOutsideTheCalendarMovesToTheNextSlotThatIsIn() {
        assertThat(desk.normalise(new Position(FRIDAY, 40))).isEqualTo(new Position(MONDAY, 0));
        assertThat(desk.normalise(new Position(FRIDAY.plusDays(1), 3))).isEqualTo(new Position(MONDAY, 0));
        assertThat(desk.normalise(new Position(FRIDAY, 7))).isEqualTo(new Position(FRIDAY, 7));
    }

    @Test
    void refusesADayThatRunsPastMidnight() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DeskCalendar(61, LocalTime.of(9, 0), 15));
    }
}
