-- How to reach each case's applicant (personal data): written by the contact listener, read by the sender at send
-- time. Kept out of the event store so the case's events never hold an address or a phone number.
create table applicant_contact (
    case_id      uuid         not null primary key,
    applicant_id varchar(100) not null,
    email        varchar(320),
    phone        varchar(20),
    language     varchar(5)   not null,
    updated_at   timestamptz  not null
);

-- The delivery outbox of the e-mail and SMS channels: one row per notification, written in the transaction that
-- stores the notification's event, never by a projection (a replay must not send). The sender claims due rows with
-- "for update skip locked", sends them and marks them; while a channel is down a row stays pending and is retried
-- with exponential backoff.
create table notification_delivery (
    notification_id     uuid          not null primary key,
    case_id             uuid          not null,
    triggering_event_id uuid          not null,
    recipient_id        varchar(100),
    kind                varchar(40)   not null,
    channel             varchar(20)   not null,
    language            varchar(5)    not null,
    subject             varchar(500)  not null,
    body                text          not null,
    status              varchar(10)   not null,
    attempts            integer       not null default 0,
    next_attempt_at     timestamptz   not null,
    last_error          text,
    failure_code        varchar(40),
    failure_reason      text,
    correlation_id      varchar(200)  not null,
    created_at          timestamptz   not null,
    sent_at             timestamptz,
    constraint notification_delivery_status check (status in ('PENDING', 'SENT', 'FAILED')),
    constraint notification_delivery_once unique (triggering_event_id, case_id, channel)
);
create index notification_delivery_due on notification_delivery (next_attempt_at) where status = 'PENDING';
create index notification_delivery_failed on notification_delivery (created_at) where status = 'FAILED';
create index notification_delivery_case on notification_delivery (case_id);
