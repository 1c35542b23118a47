package pt.aima.application;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The floor plan, by package pattern: a new package is covered without editing these rules. Domain packages are every
 * package that is not an adapter room (web, inbound, publishing, projection, process, config) nor the root.
 */
class ArchitectureTest {

    private static final String[] ADAPTER_ROOMS = {
        "pt.aima.application.web..",
        "pt.aima.application.inbound..",
        "pt.aima.application.publishing..",
        "pt.aima.application.projection..",
        "pt.aima.application.process..",
        "pt.aima.application.config.."
    };

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("pt.aima.application");

    @Test
    void theDomainSpeaksTheDomainOnly() {
        noClasses()
                .that()
                .resideInAPackage("pt.aima.application..")
                .and()
                .resideOutsideOfPackage("pt.aima.application")
                .and()
                .resideOutsideOfPackages(ADAPTER_ROOMS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(concat("org.springframework..", ADAPTER_ROOMS))
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
                .resideInAPackage("pt.aima.application.projection..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.axonframework.commandhandling..", "pt.aima.platform.acting..")
                .check(classes);
    }

    @Test
    void readModelsDoNotReachIntoOtherRooms() {
        noClasses()
                .that()
                .resideInAPackage("pt.aima.application.projection..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "pt.aima.application.web..",
                        "pt.aima.application.inbound..",
                        "pt.aima.application.publishing..",
                        "pt.aima.application.process..")
                .check(classes);
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
