package pt.aima.operations.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pt.aima.operations.recovery.RecoveryForecast.Day;
import pt.aima.operations.recovery.RecoveryForecast.Facts;
import pt.aima.operations.recovery.RecoveryForecast.Forecast;

/**
 * The forecast's arithmetic on a fixed day, Wednesday 9 December 2026, with 1 and 8 December (both Tuesdays) as public
 * holidays, figures worked out by hand in the comments.
 */
class RecoveryForecastTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 9);
    private static final WorkingCalendar CALENDAR = new WorkingCalendar(
            Set.of(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 8), LocalDate.of(2026, 12, 25)));
    private static final RecoveryTargets TARGETS = new RecoveryTargets(10, LocalDate.of(2026, 12, 31));

    private static LocalDate dec(int day) {
        return LocalDate.of(2026, 12, day);
    }

    /** Decisions: 100 on 27 Nov (outside every period), then the operation's last days; 2 on Saturday the 5th. */
    private static final Map<LocalDate, Long> DECIDED = Map.of(
            LocalDate.of(2026, 11, 27), 100L,
            LocalDate.of(2026, 11, 30), 6L,
            dec(2), 8L,
            dec(3), 7L,
            dec(4), 9L,
            dec(5), 2L,
            dec(7), 8L,
            dec(9), 3L);

    private static final Map<LocalDate, Long> REGISTERED =
            Map.of(dec(2), 1L, dec(3), 2L, dec(4), 10L, dec(7), 4L, dec(9), 5L);

    private final RecoveryForecast forecast = new RecoveryForecast(TARGETS, CALENDAR);

    private Forecast forecast(long open, Map<LocalDate, Long> decided) {
        return forecast.forecast(new Facts(TODAY, open, REGISTERED, decided), 7, 5);
    }

    @Test
    void workingDaysAreWeekdaysThatAreNotPublicHolidays() {
        assertThat(CALENDAR.isWorkingDay(dec(7))).isTrue();
        assertThat(CALENDAR.isWorkingDay(dec(8))).as("a holiday").isFalse();
        assertThat(CALENDAR.isWorkingDay(dec(5))).as("a Saturday").isFalse();
        // 7 Dec (1), 4 (2), 3 (3), 2 (4), 30 Nov (5): the 1st is a holiday, the 5th and 6th a weekend
        assertThat(CALENDAR.workingDaysBefore(TODAY, 5)).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(CALENDAR.workingDaysAfter(TODAY, 0)).isEqualTo(TODAY);
        assertThat(CALENDAR.workingDaysAfter(TODAY, 2)).isEqualTo(dec(11));
        assertThat(CALENDAR.workingDaysAfter(TODAY, 3)).as("over the weekend").isEqualTo(dec(14));
        assertThat(CALENDAR.workingDaysBetween(dec(2), dec(8))).isEqualTo(4);
    }

    @Test
    void recentOutputIsTheDecisionsOfTheLastWorkingDaysOverTheirNumber() {
        Forecast f = forecast(100, DECIDED);

        // 30 Nov to 8 Dec: 6 + 8 + 7 + 9 + 2 (Saturday) + 8 = 40 decisions over 5 working days
        assertThat(f.recent().from()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(f.recent().to()).isEqualTo(dec(8));
        assertThat(f.recent().workingDays()).isEqualTo(5);
        assertThat(f.recent().decided()).isEqualTo(40);
        assertThat(f.recent().decidedPerWorkingDay()).isEqualByComparingTo("8.0");
        assertThat(f.recent().shareOfTarget()).isEqualByComparingTo("0.80");
        // the window, 2 to 8 Dec: 34 decisions over 4 working days; today's 3 are not in it (the day is not over)
        assertThat(f.window().from()).isEqualTo(dec(2));
        assertThat(f.window().workingDays()).isEqualTo(4);
        assertThat(f.window().decided()).isEqualTo(34);
        assertThat(f.window().decidedPerWorkingDay()).isEqualByComparingTo("8.5");
    }

    @Test
    void theBacklogReachesZeroAfterOpenCasesOverTheRecentPaceInWorkingDaysFromTomorrow() {
        Forecast f = forecast(100, DECIDED);

        // 100 ÷ 8 = 12.5: 13 working days from the 10th, skipping weekends and Christmas: 29 December
        assertThat(f.open()).isEqualTo(100);
        assertThat(f.atRecentPace().workingDaysNeeded()).isEqualTo(13);
        assertThat(f.atRecentPace().backlogZeroOn()).isEqualTo(dec(29));
        assertThat(f.atRecentPace().note()).isNull();
        // at the target of 10 a day: 10 working days, 23 December
        assertThat(f.atTargetPace().workingDaysNeeded()).isEqualTo(10);
        assertThat(f.atTargetPace().backlogZeroOn()).isEqualTo(dec(23));
        // 15 working days from the 10th to the 31st: 100 ÷ 15 = 6.7, so 7 a day are needed; on track (29 ≤ 31)
        assertThat(f.targetDate().workingDaysLeft()).isEqualTo(15);
        assertThat(f.targetDate().decisionsPerWorkingDayNeeded()).isEqualTo(7);
        assertThat(f.targetDate().onTrack()).isTrue();
    }

    @Test
    void theBurnDownCountsBackFromTheCasesOpenNow() {
        Forecast f = forecast(100, DECIDED);

        assertThat(f.days())
                .extracting(Day::date, Day::openAtEnd)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(dec(2), 108L),
                        org.assertj.core.groups.Tuple.tuple(dec(3), 103L),
                        org.assertj.core.groups.Tuple.tuple(dec(4), 104L),
                        org.assertj.core.groups.Tuple.tuple(dec(5), 102L),
                        org.assertj.core.groups.Tuple.tuple(dec(6), 102L),
                        org.assertj.core.groups.Tuple.tuple(dec(7), 98L),
                        org.assertj.core.groups.Tuple.tuple(dec(8), 98L),
                        org.assertj.core.groups.Tuple.tuple(dec(9), 100L));
        Day today = f.days().getLast();
        assertThat(today.complete()).isFalse();
        assertThat(today.registered()).isEqualTo(5);
        assertThat(today.decided()).isEqualTo(3);
        Day holiday = f.days().get(6);
        assertThat(holiday.workingDay()).isFalse();
        assertThat(holiday.complete()).isTrue();
        // each day: open at its end = open at the end of the day before + registered − decided
        for (int i = 1; i < f.days().size(); i++) {
            Day d = f.days().get(i);
            assertThat(d.openAtEnd()).isEqualTo(f.days().get(i - 1).openAtEnd() + d.registered() - d.decided());
        }
    }

    @Test
    void withNoRecentOutputThereIsNoDateAndTheForecastSaysWhy() {
        Forecast f = forecast(100, Map.of(LocalDate.of(2026, 11, 27), 100L, dec(9), 3L));

        assertThat(f.recent().decided()).isZero();
        assertThat(f.recent().decidedPerWorkingDay()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(f.atRecentPace().workingDaysNeeded()).isNull();
        assertThat(f.atRecentPace().backlogZeroOn()).isNull();
        assertThat(f.atRecentPace().note()).contains("no case was decided in the last 5 working days");
        assertThat(f.targetDate().onTrack()).isFalse();
    }

    @Test
    void withNothingOpenTheBacklogIsAtZeroToday() {
        Forecast f = forecast(0, DECIDED);

        assertThat(f.atRecentPace().workingDaysNeeded()).isZero();
        assertThat(f.atRecentPace().backlogZeroOn()).isEqualTo(TODAY);
        assertThat(f.targetDate().onTrack()).isTrue();
        assertThat(f.targetDate().decisionsPerWorkingDayNeeded()).isZero();
    }

    @Test
    void aTargetDateWithNoWorkingDayLeftNeedsNoRateButIsMissed() {
        RecoveryForecast late = new RecoveryForecast(new RecoveryTargets(10, TODAY), CALENDAR);

        Forecast f = late.forecast(new Facts(TODAY, 100, REGISTERED, DECIDED), 7, 5);

        assertThat(f.targetDate().workingDaysLeft()).isZero();
        assertThat(f.targetDate().decisionsPerWorkingDayNeeded()).isNull();
        assertThat(f.targetDate().onTrack()).isFalse();
        assertThat(f.targetDate().note()).contains("no working day is left");
    }

    @Test
    void withoutATargetDateThereIsNoTargetDateFigure() {
        RecoveryForecast open = new RecoveryForecast(new RecoveryTargets(10, null), CALENDAR);

        assertThat(open.forecast(new Facts(TODAY, 100, REGISTERED, DECIDED), 7, 5)
                        .targetDate())
                .isNull();
    }

    @Test
    void theFirstDayNeededCoversTheWindowAndTheRecentPeriod() {
        assertThat(forecast.firstDayNeeded(TODAY, 7, 5)).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(forecast.firstDayNeeded(TODAY, 30, 5)).isEqualTo(LocalDate.of(2026, 11, 9));
    }
}
