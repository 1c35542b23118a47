-- Blue/green rebuilds of projections (ProjectionRebuilds): one row per rebuild an operator started, its progress while
-- it replays the event store into a copy of the projection's tables, and its outcome: SWITCHED (the copy equalled the
-- live tables and replaced them), DIFFERENT (it did not; nothing switched), FAILED or INTERRUPTED. The partial unique
-- index lets one rebuild of a projection run at a time, across instances (a second one is refused with 409).
create table projection_rebuild (
    rebuild_id       uuid          not null primary key,
    projection       varchar(255)  not null,
    state            varchar(20)   not null,
    operator         varchar(255)  not null,
    reason           varchar(2000) not null,
    started_at       timestamptz   not null,
    heartbeat_at     timestamptz   not null,
    position         bigint,
    head             bigint,
    events_applied   bigint        not null default 0,
    caught_up_at     timestamptz,
    finished_at      timestamptz,
    live_checksum    varchar(32),
    rebuilt_checksum varchar(32),
    differing_rows   bigint,
    failure          varchar(2000)
);
create unique index projection_rebuild_one_at_a_time on projection_rebuild (projection)
    where state in ('RUNNING', 'CAUGHT_UP');
create index projection_rebuild_by_projection on projection_rebuild (projection, started_at);

-- Each table's rows and checksum in the live and the rebuilt copy, at the same global index.
create table projection_rebuild_table (
    rebuild_id       uuid        not null references projection_rebuild (rebuild_id),
    position         integer     not null,
    table_name       varchar(63) not null,
    live_rows        bigint      not null,
    rebuilt_rows     bigint      not null,
    live_checksum    varchar(32) not null,
    rebuilt_checksum varchar(32) not null,
    primary key (rebuild_id, position)
);

-- The first differing rows of a DIFFERENT rebuild: the row's key (never its other values), how it differs, and which
-- columns (for a row in both copies).
create table projection_rebuild_difference (
    rebuild_id uuid          not null references projection_rebuild (rebuild_id),
    position   integer       not null,
    table_name varchar(63)   not null,
    row_key    varchar(2000),
    kind       varchar(20)   not null,
    columns    varchar(2000),
    primary key (rebuild_id, position)
);
