-- Integration events this service has applied, written in the same transaction as their effect: a redelivered
-- record finds its row and changes nothing.
create table inbox (
    consumer     varchar(100) not null,
    event_id     uuid         not null,
    event_type   varchar(100) not null,
    case_id      uuid         not null,
    processed_at timestamptz  not null,
    primary key (consumer, event_id)
);
create index inbox_case on inbox (case_id);
