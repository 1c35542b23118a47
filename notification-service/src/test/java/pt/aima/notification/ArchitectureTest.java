package pt.aima.notification;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.notification.NotificationFailed;
import pt.aima.kernel.notification.NotificationSent;
import pt.aima.platform.testing.architecture.FloorPlanRules;
import pt.aima.platform.testing.architecture.FloorPlanTest;

/**
 * The shared floor plan (service-platform's {@link FloorPlanRules}), plus what only notification-service promises: the
 * delivery process and the portal inbox stay apart, the domain is the case's notifications and their texts, and only
 * the translator decides what is published.
 */
class ArchitectureTest extends FloorPlanTest {

    private static final String BASE = "pt.aima.notification";

    ArchitectureTest() {
        super(BASE);
    }

    /** The read model is built from the case's events alone; it is wired by Spring, it does not read the wiring. */
    @Test
    void theReadModelDoesNotKnowTheWiring() {
        noClasses()
                .that(rules().inRoom(FloorPlanRules.PROJECTION))
                .should()
                .dependOnClassesThat(rules().inRoom(FloorPlanRules.CONFIG))
                .check(classes());
    }

    /**
     * The delivery sender works from its own outbox, filled in the command's transaction: it never reads the portal
     * inbox (a projection that may be rebuilt at any time) and gets its settings handed in by the wiring.
     */
    @Test
    void theDeliveryProcessKnowsNeitherTheReadModelsNorTheWiring() {
        noClasses()
                .that(rules().inRoom(FloorPlanRules.PROCESS))
                .should()
                .dependOnClassesThat(
                        rules().inRoom(FloorPlanRules.PROJECTION).or(rules().inRoom(FloorPlanRules.CONFIG)))
                .check(classes());
    }

    @Test
    void theDomainPackagesAreTheCaseNotificationsAndTheirTexts() {
        assertThat(classes().stream()
                        .filter(rules().domain())
                        .map(JavaClass::getPackageName)
                        .distinct()
                        .sorted())
                .containsExactly(BASE + ".casenotifications", BASE + ".texts");
    }

    @Test
    void onlyTheTranslatorDecidesWhatIsPublished() {
        noClasses()
                .that(rules().inService().and(not(rules().inRoom(FloorPlanRules.PUBLISHING))))
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(NotificationSent.class, NotificationFailed.class)
                .check(classes());
    }
}
