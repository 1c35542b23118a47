package pt.aima.operations;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import pt.aima.platform.testing.architecture.FloorPlanRules;
import pt.aima.platform.testing.architecture.FloorPlanTest;

/**
 * The shared floor plan (service-platform's {@link FloorPlanRules}), plus what only operations-service promises: its
 * read models come from the event archive alone, and its domain code (the archive's types, the fold of a case) is pure.
 */
class ArchitectureTest extends FloorPlanTest {

    private static final String BASE = "pt.aima.operations";

    ArchitectureTest() {
        super(BASE);
    }

    /** A rebuild reads the archive only: no read model reaches for Kafka, the inbox or the wiring. */
    @Test
    void readModelsAreDerivedFromTheArchiveAlone() {
        noClasses()
                .that(rules().inRoom(FloorPlanRules.PROJECTION))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..", "pt.aima.platform.inbox..")
                .orShould()
                .dependOnClassesThat(rules().inRoom(FloorPlanRules.CONFIG))
                .check(classes());
    }

    /** The same history always folds to the same result: no clock, no storage in the domain packages. */
    @Test
    void theFoldIsAPureFunctionOfTheHistory() {
        noClasses()
                .that(rules().domain())
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework..")
                .orShould()
                .callMethod(java.time.Instant.class, "now")
                .orShould()
                .callMethod(java.time.LocalDate.class, "now")
                .check(classes());
    }
}
