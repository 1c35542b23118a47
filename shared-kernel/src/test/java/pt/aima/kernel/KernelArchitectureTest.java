package pt.aima.kernel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.codec.EventCatalogue;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.envelope.PublishedEvent;

class KernelArchitectureTest {

    private final com.tngtech.archunit.core.domain.JavaClasses kernel = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("pt.aima.kernel");

    @Test
    void dependsOnNothingButTheJdkAndJackson() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "pt.aima.kernel..", "java..", "tools.jackson..", "com.fasterxml.jackson.annotation..")
                .check(kernel);
    }

    @Test
    void everyIntegrationEventIsAPublishedRecordInTheCatalogue() {
        classes()
                .that()
                .implement(IntegrationEvent.class)
                .and()
                .areNotInterfaces()
                .should()
                .beAnnotatedWith(PublishedEvent.class)
                .andShould()
                .beRecords()
                .check(kernel);
        kernel.stream()
                .filter(c -> c.isAssignableTo(IntegrationEvent.class) && !c.isInterface())
                .forEach(c -> org.assertj.core.api.Assertions.assertThat(EventCatalogue.PUBLISHED)
                        .as("catalogue lists " + c.getName())
                        .contains(c.reflect().asSubclass(IntegrationEvent.class)));
    }
}
