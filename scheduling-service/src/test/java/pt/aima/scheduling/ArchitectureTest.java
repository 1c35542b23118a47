package pt.aima.scheduling;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("pt.aima.scheduling");

    @Test
    void theAppointmentSpeaksTheDomainOnly() {
        noClasses()
                .that()
                .resideInAPackage("pt.aima.scheduling.appointment..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "pt.aima.scheduling.allocation..",
                        "pt.aima.scheduling.biometrics..",
                        "pt.aima.scheduling.status..",
                        "pt.aima.scheduling.inbound..",
                        "pt.aima.scheduling.publishing..")
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
                        "pt.aima.scheduling.allocation..",
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
                .resideInAPackage("pt.aima.scheduling.status..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.axonframework.commandhandling..", "pt.aima.platform.acting..")
                .check(classes);
    }
}
