package pt.aima.notification;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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

    private static final String DOMAIN = "pt.aima.notification.casenotifications..";

    private static final JavaClasses service = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("pt.aima.notification");

    @Test
    void theDomainIsFreeOfSpring() {
        noClasses()
                .that()
                .resideInAPackage(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .because("the case's notifications are domain code; Axon's @Aggregate stereotype is the one exception")
                .check(service);
    }

    @Test
    void theDomainDoesNotKnowItsAdapters() {
        noClasses()
                .that()
                .resideInAPackage(DOMAIN)
                .should()
                .dependOnClassesThat(resideInAnyPackage(
                                "pt.aima.notification.inbound..",
                                "pt.aima.notification.delivery..",
                                "pt.aima.notification.publishing..",
                                "pt.aima.notification.portal..",
                                "pt.aima.notification.texts..",
                                "pt.aima.platform..")
                        .and(not(equivalentTo(StoredAs.class))))
                .because("the events and the snapshotted case name themselves for the event store with @StoredAs, an"
                        + " annotation without behaviour like Axon's @Revision; nothing else of the platform")
                .check(service);
    }

    @Test
    void usesNoOtherServicesCode() {
        noClasses()
                .that()
                .resideInAPackage("pt.aima.notification..")
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
                .resideOutsideOfPackage("pt.aima.notification.publishing..")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(NotificationSent.class, NotificationFailed.class)
                .check(service);
    }
}
