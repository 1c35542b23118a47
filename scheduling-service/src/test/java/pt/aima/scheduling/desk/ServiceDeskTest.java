package pt.aima.scheduling.desk;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.application.Region;
import pt.aima.scheduling.desk.DeskCommand.SeedDesk;
import pt.aima.scheduling.desk.DeskCommand.SetCapacity;
import pt.aima.scheduling.desk.DeskEvent.CapacitySet;

class ServiceDeskTest {

    private static final DeskId FARO_1 = new DeskId("FARO-1");
    private static final LocalDate FROM = LocalDate.of(2026, 12, 7);
    private static final Set<DayOfWeek> MONDAYS = Set.of(DayOfWeek.MONDAY);
    private static final LocalTime NINE = LocalTime.of(9, 0);

    private FixtureConfiguration<ServiceDesk> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ServiceDesk.class);
    }

    private static SetCapacity capacity(int slots, Region region) {
        return new SetCapacity(FARO_1, FROM, null, MONDAYS, slots, NINE, 15, null, region);
    }

    private static CapacitySet set(int slots, Region region) {
        return new CapacitySet(FARO_1, FROM, null, MONDAYS, slots, NINE, 15, null, region);
    }

    @Test
    void aNewDeskIsDefinedInItsRegion() {
        fixture.givenNoPriorActivity().when(capacity(10, Region.FARO)).expectEvents(set(10, Region.FARO));
    }

    @Test
    void aNewDeskWithoutARegionIsRefused() {
        fixture.givenNoPriorActivity()
                .when(capacity(10, null))
                .expectException(DeskRefused.class)
                .expectExceptionMessage("A new desk names the region it serves.")
                .expectNoEvents();
    }

    @Test
    void aLaterCapacityKeepsTheDesksRegionWhenItNamesNone() {
        fixture.given(set(10, Region.FARO)).when(capacity(20, null)).expectEvents(set(20, Region.FARO));
    }

    @Test
    void aDeskNeverMovesToAnotherRegion() {
        fixture.given(set(10, Region.FARO))
                .when(capacity(20, Region.BEJA))
                .expectException(DeskRefused.class)
                .expectNoEvents();
    }

    @Test
    void aDeskDefinedBeforeRegionsIsGivenItsRegionOnceAndKeepsItsDefaultUntilThen() {
        fixture.given(set(10, null)).when(capacity(20, null)).expectEvents(set(20, null));
        fixture.given(set(10, null)).when(capacity(20, Region.FARO)).expectEvents(set(20, Region.FARO));
    }

    @Test
    void theDeskOutOfTheBoxIsSeededInItsRegionOnce() {
        fixture.givenNoPriorActivity()
                .when(new SeedDesk(FARO_1, capacity(40, Region.FARO)))
                .expectEvents(set(40, Region.FARO));
        fixture.given(set(10, Region.FARO))
                .when(new SeedDesk(FARO_1, capacity(40, Region.FARO)))
                .expectNoEvents();
    }
}
