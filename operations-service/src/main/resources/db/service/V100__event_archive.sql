-- Every integration event operations-service received, as received: the source of every read model of this service.
-- Written in the inbox transaction (exactly once per event id); never updated, never deleted. A read model is rebuilt
-- from this table alone, without Kafka's retention and without the other services.
create table event_archive (
    -- the order in which this service received the events (not a logical order: topics interleave freely)
    archive_position bigserial    not null primary key,
    topic            varchar(200) not null,
    kafka_partition  integer      not null,
    kafka_offset     bigint       not null,
    event_id         uuid         not null,
    event_type       varchar(100) not null,
    event_version    integer      not null,
    -- the case the event belongs to (for a desk's capacity change: the desk's stream id)
    case_id          uuid         not null,
    occurred_at      timestamptz  not null,
    actor_subject    varchar(255) not null,
    actor_role       varchar(50)  not null,
    correlation_id   varchar(255) not null,
    causation_id     varchar(255) not null,
    payload          jsonb        not null,
    received_at      timestamptz  not null,
    constraint event_archive_event_id unique (event_id)
);
-- A case's history, in the order the projections fold it.
create index event_archive_case on event_archive (case_id, occurred_at);
create index event_archive_type on event_archive (event_type, occurred_at);
