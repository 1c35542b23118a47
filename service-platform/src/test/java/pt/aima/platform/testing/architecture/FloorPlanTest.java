package pt.aima.platform.testing.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A service's architecture test: extend it, name the base package, and every floor-plan rule runs as a test of its
 * own. Rules a service adds for itself are ordinary {@code @Test} methods of the subclass, over {@link #classes()}.
 *
 * <pre>{@code
 * class ArchitectureTest extends FloorPlanTest {
 *     ArchitectureTest() {
 *         super("pt.aima.scheduling");
 *     }
 * }
 * }</pre>
 *
 * <p>Plain JUnit (a {@code @TestFactory}), not ArchUnit's JUnit engine: with the JUnit Platform 6 of Spring Boot 4,
 * archunit-junit5-engine 1.4.1 runs no {@code @ArchTest} at all.
 */
public abstract class FloorPlanTest {

    private final FloorPlanRules rules;
    private JavaClasses classes;

    protected FloorPlanTest(String basePackage) {
        this.rules = FloorPlanRules.of(basePackage);
    }

    /** For a service that also uses a published format's package (see {@link FloorPlanRules#alsoSharing}). */
    protected FloorPlanTest(String basePackage, String... alsoShared) {
        this.rules = FloorPlanRules.of(basePackage).alsoSharing(alsoShared);
    }

    protected FloorPlanRules rules() {
        return rules;
    }

    /** The service's main classes, imported once per test instance. */
    protected JavaClasses classes() {
        if (classes == null) {
            classes = rules.importMainClasses();
        }
        return classes;
    }

    @TestFactory
    Stream<DynamicTest> theServiceFollowsTheFloorPlan() {
        return rules.rules().stream().map(rule -> DynamicTest.dynamicTest(rule.name(), () -> rule.check(classes())));
    }
}
