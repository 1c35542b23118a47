package pt.aima.document;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;
import pt.aima.platform.testing.architecture.FloorPlanRules;
import pt.aima.platform.testing.architecture.FloorPlanTest;

/**
 * The shared floor plan (every rule of {@link FloorPlanRules}, one test each), plus what document-service adds for
 * itself: its background job is a leaf, its rooms have no cycles, its two read models stay apart, and only the
 * translator speaks the published document language.
 */
class ArchitectureTest extends FloorPlanTest {

    private static final String SERVICE = "pt.aima.document";

    ArchitectureTest() {
        super(SERVICE);
    }

    /**
     * The evidence-deadline poller is started by its schedule (or a test driving the calendar): nothing in the service,
     * not even the wiring, calls it.
     */
    @Test
    void nothingDependsOnTheBackgroundJobs() {
        noClasses()
                .that()
                .resideOutsideOfPackage(SERVICE + ".process..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(SERVICE + ".process..")
                .check(classes());
    }

    @Test
    void theRoomsAndDomainPackagesHaveNoCycles() {
        slices().matching(SERVICE + ".(*)..").should().beFreeOfCycles().check(classes());
    }

    /** One read model per package: a projection neither feeds nor reads another. */
    @Test
    void readModelsDoNotDependOnEachOther() {
        slices().matching(SERVICE + ".projection.(*)..")
                .should()
                .notDependOnEachOther()
                .check(classes());
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
                .check(classes());
    }
}
