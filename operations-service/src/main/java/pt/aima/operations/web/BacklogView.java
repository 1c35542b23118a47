package pt.aima.operations.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.application.Relationship;
import pt.aima.operations.casefile.Origin;
import pt.aima.operations.casefile.Stage;
import pt.aima.operations.projection.cases.AgeBucket;
import pt.aima.operations.projection.cases.Backlog;
import pt.aima.operations.projection.cases.BacklogCounts;
import pt.aima.operations.projection.cases.BacklogRow;

/**
 * The backlog: every registered case counted once, by stage and by each dimension on its own (each of these sums to
 * {@code total}), by stage and age together, and in {@code rows} by every dimension at once.
 *
 * @param computedAt when the count was taken: every change committed before it is counted
 * @param upToDate {@code true} when no case changed after the count was taken; {@code false} while a recount is due
 *     (it follows within seconds)
 * @param asOf the day ages are counted to
 * @param ageBasis how a case's age is counted
 * @param open cases not decided yet
 * @param decided cases granted or refused
 * @param byStage every stage, zero included; GRANTED and REFUSED are the decided cases
 * @param byAge every age bucket, zero included
 * @param byRegion every desk region of the published list, zero included
 * @param byPartner the partner that recovered imported cases, by name ({@code NONE}: registered through the portal)
 * @param byRelationship the relationship of each case's first household member, every relationship, zero included
 * @param byOrigin PORTAL and SEF_IMPORT
 * @param byStageAndAge stage by age bucket
 * @param rows one row per combination of stage, age, region, partner, relationship and origin that has cases
 *     (null when asked without rows)
 */
record BacklogView(
        Instant computedAt,
        boolean upToDate,
        LocalDate asOf,
        String ageBasis,
        long total,
        long open,
        long decided,
        Map<String, Long> byStage,
        Map<String, Long> byAge,
        Map<String, Long> byRegion,
        Map<String, Long> byPartner,
        Map<String, Long> byRelationship,
        Map<String, Long> byOrigin,
        Map<String, Map<String, Long>> byStageAndAge,
        List<BacklogRow> rows) {

    static final String AGE_BASIS = "months from the original submission to today (open cases) or to the day of the"
            + " decision (decided cases); a bucket holds the cases at least its lower bound old and younger than its"
            + " upper bound";

    static BacklogView of(BacklogCounts.Latest latest, boolean withRows) {
        Backlog backlog = latest.backlog();
        List<BacklogRow> rows = backlog.rows();
        long total = rows.stream().mapToLong(BacklogRow::count).sum();
        long decided = rows.stream()
                .filter(row -> Stage.valueOf(row.stage()).decided())
                .mapToLong(BacklogRow::count)
                .sum();
        Map<String, Map<String, Long>> byStageAndAge = new LinkedHashMap<>();
        for (Stage stage : Stage.values()) {
            Map<String, Long> ages = zeros(
                    Arrays.stream(AgeBucket.values()).map(AgeBucket::label).toList());
            rows.stream()
                    .filter(row -> row.stage().equals(stage.name()))
                    .forEach(row -> ages.merge(row.ageBucket(), row.count(), Long::sum));
            byStageAndAge.put(stage.name(), ages);
        }
        return new BacklogView(
                backlog.computedAt(),
                latest.upToDate(),
                backlog.asOf(),
                AGE_BASIS,
                total,
                total - decided,
                decided,
                count(rows, BacklogRow::stage, names(Stage.values())),
                count(
                        rows,
                        BacklogRow::ageBucket,
                        Arrays.stream(AgeBucket.values()).map(AgeBucket::label).toList()),
                count(rows, BacklogRow::region, names(Region.values())),
                count(rows, BacklogRow::partner, List.of()),
                count(rows, BacklogRow::relationship, names(Relationship.values())),
                count(rows, BacklogRow::origin, names(Origin.values())),
                byStageAndAge,
                withRows ? rows : null);
    }

    private static Map<String, Long> count(
            List<BacklogRow> rows, Function<BacklogRow, String> dimension, List<String> always) {
        Map<String, Long> counts = zeros(always);
        for (BacklogRow row : rows) {
            counts.merge(dimension.apply(row), row.count(), Long::sum);
        }
        return counts;
    }

    private static Map<String, Long> zeros(List<String> keys) {
        Map<String, Long> zeros = new LinkedHashMap<>();
        keys.forEach(key -> zeros.put(key, 0L));
        return zeros;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
