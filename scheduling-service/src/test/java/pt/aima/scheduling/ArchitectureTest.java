package pt.aima.scheduling;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.platform.testing.architecture.FloorPlanTest;

/**
 * The shared floor plan (issue 10, {@link FloorPlanTest}) and the rules only scheduling-service has: the scheduler is
 * a pure function of its inputs, and the web and the read models stay away from the scheduling pass.
 */
class ArchitectureTest extends FloorPlanTest {

    ArchitectureTest() {
        super("pt.aima.scheduling");
    }

    /** The same queue and calendars always give the same schedule: no clock, no store, no aggregate inside it. */
    @Test
    void theSchedulerIsAPureFunctionOfItsInputs() {
        noClasses()
                .that()
                .resideInAPackage("pt.aima.scheduling.schedule..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "org.axonframework..",
                        "java.sql..",
                        "pt.aima.scheduling.appointment..",
                        "pt.aima.scheduling.desk..")
                .orShould()
                .callMethod(java.time.LocalDate.class, "now")
                .orShould()
                .callMethod(java.time.LocalDateTime.class, "now")
                .orShould()
                .callMethod(java.time.Instant.class, "now")
                .check(classes());
    }

    /** The scheduling pass and the wiring are background machinery: the web answers from read models and commands. */
    @Test
    void theWebDoesNotReachIntoTheSchedulingPassOrTheWiring() {
        noClasses()
                .that()
                .resideInAnyPackage("pt.aima.scheduling.projection..", "pt.aima.scheduling.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("pt.aima.scheduling.process..", "pt.aima.scheduling.config..")
                .check(classes());
    }

    @Test
    void controllersLiveInTheWebRoom() {
        ArchRuleDefinition.classes()
                .that()
                .areAnnotatedWith(RestController.class)
                .should()
                .resideInAPackage("pt.aima.scheduling.web..")
                .check(classes());
    }

    @Test
    void wiringLivesInTheConfigRoom() {
        ArchRuleDefinition.classes()
                .that()
                .areAnnotatedWith(Configuration.class)
                .should()
                .resideInAPackage("pt.aima.scheduling.config..")
                .check(classes());
    }
}
