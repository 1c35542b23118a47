package pt.aima.application;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.application.ApplicantContactRegistered;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.ApplicationRegisteredV2;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.application.HouseholdDeclared;
import pt.aima.platform.testing.architecture.FloorPlanRules;
import pt.aima.platform.testing.architecture.FloorPlanTest;

/**
 * The shared floor plan (service-platform's {@link FloorPlanRules}), plus what only application-service promises: its
 * domain is the case file and the backlog import, the only outside code besides shared-kernel and the platform is the
 * legacy file's format, read models are built from events without the wiring, and only the
 * translator decides what the service publishes (names and document numbers stay inside).
 */
class ArchitectureTest extends FloorPlanTest {

    private static final String BASE = "pt.aima.application";

    /** The published events themselves (their nested value types, such as the decision's outcome, are vocabulary). */
    private static final String PUBLISHED_EVENTS = "\\Q%s\\E|\\Q%s\\E|\\Q%s\\E|\\Q%s\\E|\\Q%s\\E"
            .formatted(
                    ApplicationRegistered.class.getName(),
                    ApplicationRegisteredV2.class.getName(),
                    HouseholdDeclared.class.getName(),
                    ApplicantContactRegistered.class.getName(),
                    DecisionIssued.class.getName());

    /** The legacy SEF file's columns, one definition for the generator and the import's parser. */
    private static final String LEGACY_FORMAT = "pt.aima.backlog.format";

    ArchitectureTest() {
        super(BASE, LEGACY_FORMAT);
    }

    @Test
    void theDomainPackagesAreTheCaseFileAndTheBacklogImport() {
        assertThat(classes().stream()
                        .filter(rules().domain())
                        .map(JavaClass::getPackageName)
                        .distinct()
                        .sorted())
                .containsExactly(BASE + ".backlog", BASE + ".casefile");
    }

    /** The read models are built from the service's events alone; they are wired by Spring, not reading the wiring. */
    @Test
    void theReadModelsDoNotKnowTheWiring() {
        noClasses()
                .that(rules().inRoom(FloorPlanRules.PROJECTION))
                .should()
                .dependOnClassesThat(rules().inRoom(FloorPlanRules.CONFIG))
                .check(classes());
    }

    @Test
    void onlyTheTranslatorDecidesWhatIsPublished() {
        noClasses()
                .that(rules().inService().and(not(rules().inRoom(FloorPlanRules.PUBLISHING))))
                .should()
                .dependOnClassesThat()
                .haveNameMatching(PUBLISHED_EVENTS)
                .check(classes());
    }
}
