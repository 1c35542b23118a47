package pt.aima.operations.projection.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The backlog counted at one moment.
 *
 * @param computedAt when the count started: every case change committed before it is counted
 * @param asOf the day ages were counted to
 * @param rows one row per combination of the backlog's dimensions that has cases
 */
public record Backlog(Instant computedAt, LocalDate asOf, List<BacklogRow> rows) {

    public Backlog {
        rows = List.copyOf(rows);
    }
}
