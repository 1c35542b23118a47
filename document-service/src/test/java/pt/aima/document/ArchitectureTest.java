package pt.aima.document;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The floor plan, by package pattern: a package that is not one of the adapter rooms ({@code web}, {@code inbound},
 * {@code publishing}, {@code projection..}, {@code process..}, {@code config}) is domain, so a new domain package is
 * covered without editing these rules.
 */
class ArchitectureTest {

    private static final String SERVICE = "pt.aima.document";
    private static final String[] ADAPTERS = {
        SERVICE + ".web..",
        SERVICE + ".inbound..",
        SERVICE + ".publishing..",
        SERVICE + ".projection..",
        SERVICE + ".process..",
        SERVICE + ".config.."
    };

    private final JavaClasses service = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(SERVICE);

    /**
     * Aggregates, their commands, events and rules speak the domain only. Axon's {@code @Aggregate} stereotype lives
     * in org.axonframework.spring and is allowed.
     */
    @Test
    void domainDoesNotDependOnSpring() {
        noClasses()
                .that()
                .resideInAPackage(SERVICE + ".*..")
                .and()
                .resideOutsideOfPackages(ADAPTERS)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .check(service);
    }

    @Test
    void domainDoesNotDependOnTheAdapterRooms() {
        noClasses()
                .that()
                .resideInAPackage(SERVICE + ".*..")
                .and()
                .resideOutsideOfPackages(ADAPTERS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ADAPTERS)
                .check(service);
    }

    /**
     * The entry rooms (web, inbound, the background jobs) and the publishing translator are leaves: nothing else
     * depends on them, and the rooms depend on each other without cycles.
     */
    @Test
    void nothingDependsOnTheEntryRoomsAndTheRoomsHaveNoCycles() {
        for (String room : new String[] {"web", "inbound", "process", "publishing"}) {
            noClasses()
                    .that()
                    .resideOutsideOfPackage(SERVICE + "." + room + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage(SERVICE + "." + room + "..")
                    .check(service);
        }
        slices().matching(SERVICE + ".(*)..").should().beFreeOfCycles().check(service);
    }

    /** One read model per package: a projection neither feeds nor reads another. */
    @Test
    void projectionsDoNotDependOnEachOther() {
        slices().matching(SERVICE + ".projection.(*)..")
                .should()
                .notDependOnEachOther()
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
                .resideOutsideOfPackage(SERVICE + ".publishing..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("pt.aima.kernel.document..")
                .check(service);
    }
}
