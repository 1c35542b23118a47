-- Axon's dead-letter queue for event processors (projections): an event whose handler failed is parked here with
-- the cause, and later events of the same case queue up behind it, so nothing is skipped and order holds.
create table dead_letter_entry (
    dead_letter_id       varchar(255)  not null primary key,
    processing_group     varchar(255)  not null,
    sequence_identifier  varchar(255)  not null,
    sequence_index       bigint        not null,
    message_type         varchar(255)  not null,
    event_identifier     varchar(255)  not null,
    aggregate_identifier varchar(255),
    sequence_number      bigint,
    type                 varchar(255),
    payload_type         varchar(255)  not null,
    payload_revision     varchar(255),
    payload              bytea         not null,
    meta_data            bytea,
    time_stamp           varchar(255)  not null,
    token_type           varchar(255),
    token                bytea,
    enqueued_at          timestamptz   not null,
    last_touched         timestamptz,
    processing_started   timestamptz,
    cause_type           varchar(255),
    cause_message        varchar(1023),
    diagnostics          bytea,
    constraint dead_letter_entry_sequence unique (processing_group, sequence_identifier, sequence_index)
);
create index dead_letter_entry_group on dead_letter_entry (processing_group);
create index dead_letter_entry_group_sequence on dead_letter_entry (processing_group, sequence_identifier);
