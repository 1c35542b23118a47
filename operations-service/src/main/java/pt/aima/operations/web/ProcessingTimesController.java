package pt.aima.operations.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.operations.projection.recovery.RecoveryQueries;
import pt.aima.operations.timing.ProcessingStage;
import pt.aima.operations.timing.ProcessingTimes;
import pt.aima.operations.timing.ProcessingTimes.Figures;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

/** How long cases take, from registration to decision and stage by stage, over the decisions of a moving window. */
@RestController
class ProcessingTimesController {

    static final int DEFAULT_WINDOW_DAYS = 90;
    static final int MAX_WINDOW_DAYS = 3_650;

    static final String METHOD = "nearest rank: the P-th percentile of N durations is the duration at rank"
            + " ceil(P/100 x N) of the durations sorted ascending (always one of the cases' own durations)";

    static final Map<String, String> STAGES = stages();

    private final RecoveryQueries queries;
    private final Clock clock;

    ProcessingTimesController(RecoveryQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /**
     * @param from the window's start: cases decided at or after it (and before {@code to}) are counted
     * @param percentileMethod how the percentiles are taken
     * @param stages what each figure measures, by its key
     * @param cases the decided cases in the window
     * @param overall every case of the window, each stage with p50, p80 and p93 in days and its number of cases
     * @param byRegion the same per desk region with decisions in the window
     * @param byOrigin the same per origin (PORTAL, SEF_IMPORT) with decisions in the window
     */
    record ProcessingTimesView(
            Instant from,
            Instant to,
            int windowDays,
            String percentileMethod,
            Map<String, String> stages,
            int cases,
            Figures overall,
            Map<String, Figures> byRegion,
            Map<String, Figures> byOrigin) {}

    @GetMapping("/operations/processing-times")
    @AllowedRoles({Role.OPERATIONS, Role.AUDITOR})
    ProcessingTimesView processingTimes(@RequestParam(name = "windowDays", required = false) String windowDays) {
        int days = WholeNumber.read("windowDays", windowDays, 1, MAX_WINDOW_DAYS, DEFAULT_WINDOW_DAYS);
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofDays(days));
        ProcessingTimes.Summary summary = ProcessingTimes.of(queries.decidedBetween(from, to));
        return new ProcessingTimesView(
                from,
                to,
                days,
                METHOD,
                STAGES,
                summary.cases(),
                summary.overall(),
                summary.byRegion(),
                summary.byOrigin());
    }

    private static Map<String, String> stages() {
        Map<String, String> stages = new LinkedHashMap<>();
        stages.put(
                ProcessingStage.REGISTRATION_TO_DECISION.key(),
                "from the registration to the decision (every decided case)");
        stages.put(
                ProcessingStage.REGISTRATION_TO_CHECKLIST_COMPLETE.key(),
                "from the registration to the completion of the document checklist");
        stages.put(
                ProcessingStage.CHECKLIST_COMPLETE_TO_BIOMETRICS.key(),
                "from the completion of the checklist to the collection of biometrics (zero when biometrics came"
                        + " first)");
        stages.put(
                ProcessingStage.BIOMETRICS_TO_DECISION.key(),
                "from the collection of biometrics, or the completion of the checklist if later (ready for a"
                        + " decision), to the decision");
        return stages;
    }
}
