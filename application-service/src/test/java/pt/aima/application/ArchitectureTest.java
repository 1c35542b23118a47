package pt.aima.application;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("pt.aima.application");

    @Test
    void theCaseFileSpeaksTheDomainOnly() {
        noClasses()
                .that()
                .resideInAPackage("pt.aima.application.casefile..")
                .and()
                .doNotHaveSimpleName("CaseFileConfiguration")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "pt.aima.application.registration..",
                        "pt.aima.application.decision..",
                        "pt.aima.application.status..",
                        "pt.aima.application.inbound..",
                        "pt.aima.application.publishing..")
                .check(classes);
    }

    @Test
    void usesNoOtherServicesCode() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("pt.aima.document..", "pt.aima.scheduling..", "pt.aima.notification..")
                .check(classes);
    }

    @Test
    void readModelsDoNotSendCommands() {
        noClasses()
                .that()
                .resideInAPackage("pt.aima.application.status..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.axonframework.commandhandling..", "pt.aima.platform.acting..")
                .check(classes);
    }
}
