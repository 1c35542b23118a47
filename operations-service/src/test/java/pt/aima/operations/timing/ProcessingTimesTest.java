package pt.aima.operations.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import pt.aima.operations.timing.ProcessingTimes.Figure;
import pt.aima.operations.timing.ProcessingTimes.Summary;

/** Stage durations from the events' times, percentiles in days, and the number of cases behind each figure. */
class ProcessingTimesTest {

    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    private static Instant day(double days) {
        return T0.plus(Duration.ofMinutes(Math.round(days * 24 * 60)));
    }

    /** A case through every stage: checklist after {@code c} days, biometrics after {@code b}, decision after d. */
    private static Milestones decided(String region, String origin, double c, double b, double d) {
        return new Milestones(region, origin, T0, day(c), day(b), day(d));
    }

    @Test
    void eachStageIsMeasuredBetweenItsMilestones() {
        Milestones m = decided("PORTO", "PORTAL", 10, 25, 40);

        assertThat(ProcessingStage.REGISTRATION_TO_DECISION.of(m)).isEqualTo(Duration.ofDays(40));
        assertThat(ProcessingStage.REGISTRATION_TO_CHECKLIST_COMPLETE.of(m)).isEqualTo(Duration.ofDays(10));
        assertThat(ProcessingStage.CHECKLIST_COMPLETE_TO_BIOMETRICS.of(m)).isEqualTo(Duration.ofDays(15));
        assertThat(ProcessingStage.BIOMETRICS_TO_DECISION.of(m)).isEqualTo(Duration.ofDays(15));
    }

    @Test
    void biometricsBeforeTheChecklistCountZeroAndTheDecisionStageRunsFromReadiness() {
        Milestones m = decided("PORTO", "PORTAL", 20, 5, 30);

        assertThat(ProcessingStage.CHECKLIST_COMPLETE_TO_BIOMETRICS.of(m)).isEqualTo(Duration.ZERO);
        assertThat(ProcessingStage.BIOMETRICS_TO_DECISION.of(m))
                .as("ready on day 20, when the checklist completed")
                .isEqualTo(Duration.ofDays(10));
    }

    @Test
    void aCaseDecidedWithoutAStageCountsOnlyForTheStagesItPassed() {
        Milestones refusedEarly = new Milestones("LISBOA", "PORTAL", T0, null, null, day(3));

        assertThat(ProcessingStage.REGISTRATION_TO_DECISION.of(refusedEarly)).isEqualTo(Duration.ofDays(3));
        assertThat(ProcessingStage.REGISTRATION_TO_CHECKLIST_COMPLETE.of(refusedEarly))
                .isNull();
        assertThat(ProcessingStage.CHECKLIST_COMPLETE_TO_BIOMETRICS.of(refusedEarly))
                .isNull();
        assertThat(ProcessingStage.BIOMETRICS_TO_DECISION.of(refusedEarly)).isNull();

        Summary summary = ProcessingTimes.of(List.of(refusedEarly, decided("LISBOA", "PORTAL", 1, 2, 4)));
        assertThat(summary.cases()).isEqualTo(2);
        assertThat(summary.overall().stages().get("registrationToDecision").cases())
                .isEqualTo(2);
        assertThat(summary.overall()
                        .stages()
                        .get("registrationToChecklistComplete")
                        .cases())
                .isEqualTo(1);
    }

    @Test
    void percentilesOverAKnownDistributionOverallByRegionAndByOrigin() {
        List<Milestones> cases = new ArrayList<>();
        // PORTO, portal: decided after 1, 2, ..., 100 days (checklist at a tenth of that, biometrics at half)
        for (int d = 1; d <= 100; d++) {
            cases.add(decided("PORTO", "PORTAL", d / 10.0, d / 2.0, d));
        }
        // FARO, imported: ten cases decided after 200 days
        for (int i = 0; i < 10; i++) {
            cases.add(decided("FARO", "SEF_IMPORT", 50, 100, 200));
        }

        Summary summary = ProcessingTimes.of(cases);

        assertThat(summary.cases()).isEqualTo(110);
        Figure porto = summary.byRegion().get("PORTO").stages().get("registrationToDecision");
        assertThat(porto).isEqualTo(new Figure(100, days("50.00"), days("80.00"), days("93.00")));
        assertThat(summary.byOrigin().get("PORTAL").stages().get("registrationToDecision"))
                .isEqualTo(porto);
        assertThat(summary.byRegion().get("FARO").stages().get("registrationToDecision"))
                .isEqualTo(new Figure(10, days("200.00"), days("200.00"), days("200.00")));
        // 110 values: 1..100 then ten of 200: p50 rank 55, p80 rank 88, p93 rank ceil(102.3) = 103 (a 200)
        assertThat(summary.overall().stages().get("registrationToDecision"))
                .isEqualTo(new Figure(110, days("55.00"), days("88.00"), days("200.00")));
        // the checklist at a tenth of the decision: 0.1 .. 10 days, p50 = 5.0
        assertThat(porto.cases()).isEqualTo(100);
        assertThat(summary.byRegion()
                        .get("PORTO")
                        .stages()
                        .get("registrationToChecklistComplete")
                        .p50Days())
                .isEqualByComparingTo("5.00");
        assertThat(summary.byRegion().keySet()).containsExactly("FARO", "PORTO");
    }

    @Test
    void noDecisionsInTheWindowGiveFiguresOfNoCasesWithoutNumbers() {
        Summary summary = ProcessingTimes.of(List.of());

        assertThat(summary.cases()).isZero();
        assertThat(summary.overall().stages().get("registrationToDecision")).isEqualTo(new Figure(0, null, null, null));
        assertThat(summary.byRegion()).isEmpty();
    }

    private static BigDecimal days(String value) {
        return new BigDecimal(value);
    }
}
