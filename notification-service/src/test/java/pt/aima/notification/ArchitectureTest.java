package pt.aima.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.notification.NotificationFailed;
import pt.aima.kernel.notification.NotificationSent;
import pt.aima.platform.eventstore.StoredAs;

/**
 * Plain JUnit tests over imported classes rather than ArchUnit's own JUnit engine: with the JUnit Platform 6 of
 * Spring Boot 4, archunit-junit5-engine 1.4.1 runs no {@code @ArchTest} at all (Maven reports 0 tests, even for a
 * rule that is broken on purpose).
 */
class ArchitectureTest {

    private static final String BASE = "pt.aima.notification";

    /** The rooms of the floor plan that are not domain code; every other package under the base is. */
    private static final Set<String> ADAPTER_ROOMS =
            Set.of("web", "inbound", "publishing", "projection", "process", "config");

    private static final String[] ADAPTERS = ADAPTER_ROOMS.stream()
            .map(room -> BASE + "." + room + "..")
            .sorted()
            .toArray(String[]::new);

    /** Every package under the base but the adapter rooms (and the base itself, the application class's). */
    private static final DescribedPredicate<JavaClass> DOMAIN = new DescribedPredicate<>("reside in a domain package") {
        @Override
        public boolean test(JavaClass javaClass) {
            String packageName = javaClass.getPackageName();
            if (!packageName.startsWith(BASE + ".")) {
                return false;
            }
            String room = packageName.substring(BASE.length() + 1).split("\\.")[0];
            return !ADAPTER_ROOMS.contains(room);
        }
    };

    private static final JavaClasses service = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    @Test
    void theDomainIsFreeOfSpring() {
        noClasses()
                .that(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .because("the case's notifications are domain code; Axon's @Aggregate stereotype is the one exception")
                .check(service);
    }

    @Test
    void theDomainDoesNotKnowItsAdapters() {
        noClasses()
                .that(DOMAIN)
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage(concat(ADAPTERS, "pt.aima.platform.."))
                        .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(StoredAs.class))))
                .because("the events and the snapshotted case name themselves for the event store with @StoredAs, an"
                        + " annotation without behaviour like Axon's @Revision; nothing else of the platform")
                .check(service);
    }

    @Test
    void aReadModelIsBuiltFromEventsAloneAndKnowsNoOtherRoom() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".projection..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        BASE + ".web..",
                        BASE + ".inbound..",
                        BASE + ".publishing..",
                        BASE + ".process..",
                        BASE + ".config..")
                .check(service);
    }

    @Test
    void backgroundProcessesKnowNeitherTheWebNorTheListenersNorTheReadModels() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".process..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        BASE + ".web..",
                        BASE + ".inbound..",
                        BASE + ".publishing..",
                        BASE + ".projection..",
                        BASE + ".config..")
                .check(service);
    }

    @Test
    void theDomainPackagesAreTheAggregateAndItsTexts() {
        assertThat(service.stream()
                        .filter(DOMAIN)
                        .map(JavaClass::getPackageName)
                        .distinct()
                        .sorted())
                .containsExactly(BASE + ".casenotifications", BASE + ".texts");
    }

    @Test
    void usesNoOtherServicesCode() {
        noClasses()
                .that()
                .resideInAPackage(BASE + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("pt.aima.application..", "pt.aima.document..", "pt.aima.scheduling..")
                .because("services share only the published language in shared-kernel")
                .check(service);
    }

    @Test
    void onlyTheTranslatorDecidesWhatIsPublished() {
        noClasses()
                .that()
                .resideOutsideOfPackage(BASE + ".publishing..")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(NotificationSent.class, NotificationFailed.class)
                .check(service);
    }

    private static String[] concat(String[] packages, String... more) {
        return Stream.concat(Stream.of(packages), Stream.of(more)).toArray(String[]::new);
    }
}
