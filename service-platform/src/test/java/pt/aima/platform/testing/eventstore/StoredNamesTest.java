package pt.aima.platform.testing.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import pt.aima.platform.eventstore.StoredTypeAudit;
import pt.aima.platform.eventstore.StoredTypes;

/**
 * Every event a service stores, and every aggregate it snapshots, has a stable logical name, and the service's V200
 * migration renames the rows written before under each one's class name: an event added without its name, or left
 * out of the migration, fails here rather than in a replay. A service's {@code StoredTypeNamesTest} extends this with
 * its base package and the types born with logical names.
 */
public abstract class StoredNamesTest {

    private static final String MIGRATION = "db/service/V200__stable_event_type_names.sql";

    private final String basePackage;
    private final Set<String> bornWithLogicalNames;

    /**
     * @param bornWithLogicalNames types added after V200 ran: they were never stored under a class name, so the
     *     migration need not map them (add a new event's name there, not to the migration, which is applied already)
     */
    protected StoredNamesTest(String basePackage, Set<String> bornWithLogicalNames) {
        this.basePackage = basePackage;
        this.bornWithLogicalNames = bornWithLogicalNames;
    }

    @Test
    void everyStoredEventAndSnapshottedAggregateHasALogicalName() {
        assertThat(StoredTypeAudit.storedTypesWithoutName(basePackage)).isEmpty();
    }

    @Test
    void theMigrationRenamesEveryTypeStoredUnderItsClassName() {
        StoredTypes types = StoredTypes.scan(basePackage);

        assertThat(types.byName()).isNotEmpty();
        assertThat(StoredTypeAudit.renameProblems(StoredTypeAudit.renamesIn(MIGRATION), types, bornWithLogicalNames))
                .isEmpty();
    }
}
