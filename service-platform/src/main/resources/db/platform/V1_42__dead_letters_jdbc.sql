-- The dead-letter queues move from Axon's JPA implementation to its JDBC one (no service has JPA any more). The JDBC
-- queue writes and compares its times as ISO-8601 text with milliseconds (Axon's DateTimeUtils: 2026-12-06T01:02:03.123Z,
-- fixed width, so text order is time order), and does not cut a cause's message to the JPA entity's 1,023 characters.
-- Letters parked before keep their times, rewritten in that form.
alter table dead_letter_entry
    alter column enqueued_at type varchar(255)
        using to_char(enqueued_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    alter column last_touched type varchar(255)
        using to_char(last_touched at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    alter column processing_started type varchar(255)
        using to_char(processing_started at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    alter column cause_message type text;
