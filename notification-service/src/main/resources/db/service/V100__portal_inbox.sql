-- Read model: the applicant's portal inbox. Rebuilt from the event store by resetting the portal-inbox processor.

-- One row per case this service has notified: whose inbox it is (null until the registration reaches this service).
create table portal_inbox (
    case_id       uuid         not null primary key,
    applicant_id  varchar(100),
    last_sequence bigint       not null
);
create index portal_inbox_applicant on portal_inbox (applicant_id);

-- The notifications in the inbox, as they were written; sequence_number orders them as they were created.
create table portal_notification (
    notification_id     uuid          not null primary key,
    case_id             uuid          not null references portal_inbox (case_id),
    sequence_number     bigint        not null,
    kind                varchar(30)   not null,
    channel             varchar(30)   not null,
    language            varchar(5)    not null,
    subject             varchar(500)  not null,
    body                text          not null,
    triggering_event_id uuid          not null,
    created_at          timestamptz   not null,
    constraint portal_notification_case_sequence unique (case_id, sequence_number)
);
