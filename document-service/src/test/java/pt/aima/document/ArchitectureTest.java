package pt.aima.document;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final String DOMAIN = "pt.aima.document.casedocuments..";

    private final JavaClasses service = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("pt.aima.document");

    /**
     * The aggregate, its commands, events and rules speak the domain only. Axon's {@code @Aggregate} stereotype lives
     * in org.axonframework.spring and is allowed.
     */
    @Test
    void domainDoesNotDependOnSpring() {
        noClasses()
                .that()
                .resideInAPackage(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .check(service);
    }

    @Test
    void domainDoesNotDependOnItsAdapters() {
        noClasses()
                .that()
                .resideInAPackage(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "pt.aima.document.checklist..",
                        "pt.aima.document.upload..",
                        "pt.aima.document.verification..",
                        "pt.aima.document.inbound..",
                        "pt.aima.document.publishing..",
                        "pt.aima.document.web..",
                        "pt.aima.document.config..")
                .check(service);
    }

    @Test
    void usesNoOtherServicesCode() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("pt.aima.application..", "pt.aima.scheduling..", "pt.aima.notification..")
                .check(service);
    }

    /** Only the translator decides what is published: nothing else uses the published document events. */
    @Test
    void onlyTheTranslatorBuildsPublishedDocumentEvents() {
        noClasses()
                .that()
                .resideOutsideOfPackage("pt.aima.document.publishing..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("pt.aima.kernel.document..")
                .check(service);
    }
}
