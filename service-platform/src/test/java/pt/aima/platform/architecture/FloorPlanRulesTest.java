package pt.aima.platform.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import pt.aima.platform.testing.architecture.FloorPlanRules;
import pt.aima.platform.testing.architecture.FloorPlanRules.FloorPlanRule;

/**
 * Every floor-plan rule fails on a violation planted for it (a mini service under {@code pt.aima.fixture.violating.*})
 * and on no other, and all of them pass on a clean mini service that uses every room the way the floor plan allows.
 */
class FloorPlanRulesTest {

    private static final String VIOLATING = "pt.aima.fixture.violating.";

    /** Rule, and the fixture service (under {@code pt.aima.fixture.violating}) with the violation planted for it. */
    private static final Map<String, String> PLANTED = Map.of(
            "domainIsFreeOfSpring", "domainspring",
            "domainDoesNotKnowTheRooms", "domainrooms",
            "domainUsesOnlyTheDomainPartOfThePlatform", "domainplatform",
            "nothingDependsOnWeb", "web",
            "nothingButConfigDependsOnInbound", "inbound",
            "nothingButConfigDependsOnPublishing", "publishing",
            "readModelsAndPublishingSendNoCommands", "commands",
            "readModelsDoNotUseProcesses", "projectionprocess",
            "usesNoOtherServicesCode", "otherservice",
            "theRootHoldsOnlyTheApplication", "root");

    /** The class each planted violation is in: the failure must name it. */
    private static final Map<String, String> CULPRIT = Map.of(
            "domainspring", "anynewaggregate.Thing",
            "domainrooms", "anynewaggregate.Thing",
            "domainplatform", "casefile.CaseFile",
            "web", "process.job.Job",
            "inbound", "process.job.Job",
            "publishing", "web.Controller",
            "commands", "projection.status.StatusProjection",
            "projectionprocess", "projection.status.StatusProjection",
            "otherservice", "inbound.Listener",
            "root", "AxonConfiguration");

    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("pt.aima.fixture");

    static Set<String> ruleNames() {
        return FloorPlanRules.of("pt.aima.any").rules().stream()
                .map(FloorPlanRule::name)
                .collect(Collectors.toSet());
    }

    @Test
    void everyRuleHasAPlantedViolation() {
        assertThat(PLANTED.keySet()).isEqualTo(ruleNames());
    }

    @Test
    void aServiceThatFollowsTheFloorPlanPassesEveryRule() {
        FloorPlanRules rules = FloorPlanRules.of("pt.aima.fixture.clean");
        for (FloorPlanRule rule : rules.rules()) {
            EvaluationResult result = rule.evaluate(FIXTURES);
            assertThat(result.hasViolation())
                    .as(rule.name() + ": " + result.getFailureReport())
                    .isFalse();
        }
        rules.check(FIXTURES);
    }

    @ParameterizedTest
    @MethodSource("ruleNames")
    void eachRuleFailsOnItsPlantedViolationAndOnlyThere(String ruleName) {
        String fixture = PLANTED.get(ruleName);
        FloorPlanRules rules = FloorPlanRules.of(VIOLATING + fixture);

        EvaluationResult result = rules.rule(ruleName).evaluate(FIXTURES);
        assertThat(result.hasViolation()).as(ruleName + " fails on " + fixture).isTrue();
        assertThat(result.getFailureReport().toString()).contains(VIOLATING + fixture + "." + CULPRIT.get(fixture));

        for (FloorPlanRule other : rules.rules()) {
            if (!other.name().equals(ruleName)) {
                assertThat(other.evaluate(FIXTURES).hasViolation())
                        .as(other.name() + " does not fire on the violation planted for " + ruleName)
                        .isFalse();
            }
        }
        assertThatThrownBy(() -> rules.check(FIXTURES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(ruleName);
    }

    @Test
    void aRoomNamedLikeARoomDeeperDownIsADomainPackage() {
        FloorPlanRules rules = FloorPlanRules.of("pt.aima.fixture.violating.domainrooms");
        var thing = FIXTURES.get("pt.aima.fixture.violating.domainrooms.anynewaggregate.Thing");
        var view = FIXTURES.get("pt.aima.fixture.violating.domainrooms.projection.status.StatusView");
        assertThat(rules.domain().test(thing)).isTrue();
        assertThat(rules.domain().test(view)).isFalse();
        assertThat(rules.inRoom(FloorPlanRules.PROJECTION).test(view)).isTrue();
    }

    @Test
    void aPublishedFormatTheServiceNamesIsSharedAndNothingElse() {
        FloorPlanRules rules = FloorPlanRules.of(VIOLATING + "otherservice");

        assertThat(rules.alsoSharing("pt.aima.fixture.clean.casefile")
                        .usesNoOtherServicesCode()
                        .evaluate(FIXTURES)
                        .hasViolation())
                .isFalse();
        assertThat(rules.alsoSharing("pt.aima.fixture.clean.schedule")
                        .usesNoOtherServicesCode()
                        .evaluate(FIXTURES)
                        .hasViolation())
                .isTrue();
        assertThatThrownBy(() -> rules.alsoSharing("pt.aima.")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesABasePackageThatIsNone() {
        assertThatThrownBy(() -> FloorPlanRules.of("pt.aima.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FloorPlanRules.of("")).isInstanceOf(IllegalArgumentException.class);
    }
}
