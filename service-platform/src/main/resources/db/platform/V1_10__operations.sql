-- What operators did to dead letters: one row per retry or discard, written in the same transaction as the event that
-- records it (DeadLetterRetried / DeadLetterDiscarded in the event store). Kafka dead-letter records cannot be deleted,
-- so this is how a handled one is told from an open one; a retried or discarded entry takes no further action (409).
create table dead_letter_action (
    source       varchar(20)   not null,
    entry_id     varchar(600)  not null,
    sequence     integer       not null,
    action       varchar(20)   not null,
    outcome      varchar(20)   not null,
    actor        varchar(255)  not null,
    reason       varchar(2000) not null,
    acted_at     timestamptz   not null,
    primary key (source, entry_id, sequence)
);

-- Global indexes a streaming processor passed while no event held them (a transaction still open, or rolled back).
-- WATCHING: passed, not in the store yet; SKIPPED: committed later, and the segment it belongs to had passed it, so
-- the processor never handled it (Axon drops a gap after its gap timeout); REPUBLISHED: an operator had the
-- processor's handlers handle it. passed_by: the processor's segments seen past the index while it was empty.
create table skipped_event (
    processor_name       varchar(255) not null,
    global_index         bigint       not null,
    state                varchar(20)  not null,
    passed_at            timestamptz  not null,
    passed_by            varchar(500) not null,
    detected_at          timestamptz,
    event_identifier     varchar(255),
    payload_type         varchar(255),
    aggregate_identifier varchar(255),
    republished_at       timestamptz,
    primary key (processor_name, global_index)
);
create index skipped_event_state on skipped_event (state);
