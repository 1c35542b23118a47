package pt.aima.platform.audit;

import java.util.Objects;

/**
 * One part of a service's business outcome, for the outcome checksum: a query whose rows, in the order it gives them,
 * are the outcome. The query decides what counts: the facts a reproduction of the same operation must give again (case
 * ids, legacy numbers, statuses, checklist items, slots, messages), never what legitimately differs between two runs
 * (event ids, notification ids, wall-clock times of processing, global indexes, sequence numbers that depend on the
 * order in which events from different services arrived). Its {@code order by} must be total, so the order is
 * canonical. Render times as text in the query when they are {@code timestamptz} (text of those depends on the
 * session's time zone); dates, {@code timestamp}, numbers, booleans and uuids are rendered by PostgreSQL the same
 * everywhere.
 *
 * @param name the part's name in the checksum report, e.g. {@code case-status}
 * @param description what the part holds, for the auditor reading the report
 * @param sql the query (no parameters)
 */
public record OutcomePart(String name, String description, String sql) {

    public OutcomePart {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(sql, "sql");
    }
}
