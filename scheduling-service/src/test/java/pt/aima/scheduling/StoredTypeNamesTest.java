package pt.aima.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import pt.aima.platform.eventstore.StoredTypeAudit;
import pt.aima.platform.eventstore.StoredTypes;

/**
 * Every event scheduling-service stores, and every aggregate it snapshots, has a stable logical name, and the V200 migration
 * renames the rows written before under each one's class name: an event added without its name, or left out of the
 * migration, fails here rather than in a replay.
 */
class StoredTypeNamesTest {

    private static final String SERVICE = "pt.aima.scheduling";

    /**
     * Types added after V200 ran: they were never stored under a class name, so the migration need not map them (add
     * a new event's name here, not to the migration, which is applied already).
     */
    private static final Set<String> BORN_WITH_LOGICAL_NAMES = Set.of("scheduling.CaseRegionRecorded");

    @Test
    void everyStoredEventAndSnapshottedAggregateHasALogicalName() {
        assertThat(StoredTypeAudit.storedTypesWithoutName(SERVICE)).isEmpty();
    }

    @Test
    void theMigrationRenamesEveryTypeStoredUnderItsClassName() {
        StoredTypes types = StoredTypes.scan(SERVICE);

        assertThat(types.byName()).isNotEmpty();
        assertThat(StoredTypeAudit.renameProblems(
                        StoredTypeAudit.renamesIn("db/service/V200__stable_event_type_names.sql"),
                        types,
                        BORN_WITH_LOGICAL_NAMES))
                .isEmpty();
    }
}
