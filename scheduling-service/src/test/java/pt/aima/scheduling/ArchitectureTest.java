package pt.aima.scheduling;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RestController;

/**
 * The floor plan (issue 10), by package pattern: a package added to a room is covered without editing these rules.
 * Domain packages are every package that is not an adapter or wiring room.
 */
class ArchitectureTest {

    private static final String[] ROOMS = {
        "pt.aima.scheduling.web..",
        "pt.aima.scheduling.inbound..",
        "pt.aima.scheduling.publishing..",
        "pt.aima.scheduling.projection..",
        "pt.aima.scheduling.process..",
        "pt.aima.scheduling.config.."
    };

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("pt.aima.scheduling");

    @Test
    void theDomainSpeaksTheDomainOnly() {
        noClasses()
                .that()
                .resideInAPackage("pt.aima.scheduling.(*)..")
                .and()
                .resideOutsideOfPackages(ROOMS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOMS)
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .check(classes);
    }

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
                .check(classes);
    }

    @Test
    void usesNoOtherServicesCode() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("pt.aima.application..", "pt.aima.document..", "pt.aima.notification..")
                .check(classes);
    }

    @Test
    void readModelsDoNotSendCommands() {
        noClasses()
                .that()
                .resideInAPackage("pt.aima.scheduling.projection..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.axonframework.commandhandling..", "pt.aima.platform.acting.ActingCommandGateway")
                .check(classes);
    }

    @Test
    void readModelsAndTheWebDoNotReachIntoBackgroundWork() {
        noClasses()
                .that()
                .resideInAnyPackage("pt.aima.scheduling.projection..", "pt.aima.scheduling.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("pt.aima.scheduling.process..", "pt.aima.scheduling.config..")
                .check(classes);
    }

    @Test
    void controllersLiveInTheWebRoom() {
        classes()
                .that()
                .areAnnotatedWith(RestController.class)
                .should()
                .resideInAPackage("pt.aima.scheduling.web..")
                .check(classes);
    }

    @Test
    void wiringLivesInTheConfigRoom() {
        classes()
                .that()
                .areAnnotatedWith(Configuration.class)
                .should()
                .resideInAPackage("pt.aima.scheduling.config..")
                .check(classes);
    }
}
