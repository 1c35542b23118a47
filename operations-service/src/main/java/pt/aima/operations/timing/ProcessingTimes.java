package pt.aima.operations.timing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The processing times of the cases decided in a window: for the whole way and each stage, the 50th, 80th and 93rd
 * percentiles ({@link NearestRank}) in days, with the number of cases behind each figure, over all cases, by region
 * and by origin.
 */
public final class ProcessingTimes {

    /**
     * One figure.
     *
     * @param cases how many cases the percentiles are taken over
     * @param p50Days the median, in days (two decimals); null when there are no cases
     * @param p80Days the 80th percentile (the figure USCIS publishes)
     * @param p93Days the 93rd percentile
     */
    public record Figure(int cases, BigDecimal p50Days, BigDecimal p80Days, BigDecimal p93Days) {

        static final Figure NONE = new Figure(0, null, null, null);
    }

    /** Each stage's figure, by the stage's key, in the order of {@link ProcessingStage}. */
    public record Figures(Map<String, Figure> stages) {}

    /**
     * @param cases how many decided cases the window holds
     * @param overall every case of the window
     * @param byRegion per desk region that has decided cases in the window
     * @param byOrigin per origin (PORTAL, SEF_IMPORT) that has decided cases in the window
     */
    public record Summary(int cases, Figures overall, Map<String, Figures> byRegion, Map<String, Figures> byOrigin) {}

    private ProcessingTimes() {}

    public static Summary of(List<Milestones> decided) {
        return new Summary(
                decided.size(),
                figures(decided),
                grouped(decided, Milestones::region),
                grouped(decided, Milestones::origin));
    }

    private static Map<String, Figures> grouped(List<Milestones> decided, Function<Milestones, String> key) {
        Map<String, List<Milestones>> groups = new TreeMap<>();
        for (Milestones m : decided) {
            groups.computeIfAbsent(key.apply(m), k -> new ArrayList<>()).add(m);
        }
        Map<String, Figures> figures = new LinkedHashMap<>();
        groups.forEach((group, cases) -> figures.put(group, figures(cases)));
        return figures;
    }

    static Figures figures(List<Milestones> cases) {
        Map<String, Figure> stages = new LinkedHashMap<>();
        for (ProcessingStage stage : ProcessingStage.values()) {
            long[] seconds = cases.stream()
                    .map(stage::of)
                    .filter(d -> d != null)
                    .mapToLong(Duration::toSeconds)
                    .toArray();
            stages.put(stage.key(), figure(NearestRank.of(seconds)));
        }
        return new Figures(stages);
    }

    static Figure figure(NearestRank values) {
        if (values.count() == 0) {
            return Figure.NONE;
        }
        return new Figure(
                values.count(), days(values.percentile(50)), days(values.percentile(80)), days(values.percentile(93)));
    }

    private static BigDecimal days(long seconds) {
        return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(86_400), 2, RoundingMode.HALF_UP);
    }
}
