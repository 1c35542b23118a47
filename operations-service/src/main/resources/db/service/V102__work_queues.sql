-- Read models behind the work queues (GET /operations/queues/{queue}): per case, the open items, recomputed with the
-- case's row in ops_case from its archived events. Nothing here depends on the clock: "overdue" and "expiring" are
-- decided when the queue is read, so a rebuild gives the same rows as live processing.

-- Uploaded copies not yet accepted or rejected, of undecided cases.
create table ops_document_waiting (
    document_id   uuid         not null primary key,
    case_id       uuid         not null,
    member_id     uuid         not null,
    document_type varchar(100) not null,
    uploaded_at   timestamptz  not null
);
create index ops_document_waiting_case on ops_document_waiting (case_id);
create index ops_document_waiting_uploaded on ops_document_waiting (uploaded_at, document_id);

-- Evidence requests of undecided cases: still waiting for the applicant (received_on null), or received and waiting
-- for AIMA's verification (aima_responded false).
create table ops_evidence_request (
    case_id              uuid          not null,
    request_id           varchar(100)  not null,
    member_id            uuid,
    document_types       varchar(1000) not null,
    requested_at         timestamptz   not null,
    respond_by           date          not null,
    expired              boolean       not null,
    received_on          date,
    aima_respond_by      date,
    aima_overdue_reported boolean      not null,
    aima_responded       boolean       not null,
    primary key (case_id, request_id)
);
create index ops_evidence_request_respond_by on ops_evidence_request (respond_by) where received_on is null;
create index ops_evidence_request_aima on ops_evidence_request (aima_respond_by)
    where received_on is not null and not aima_responded;

-- The last biometric appointment of an undecided case, when it was missed and nothing has been booked since.
create table ops_missed_appointment (
    case_id   uuid        not null primary key,
    desk_id   varchar(50) not null,
    starts_at timestamp   not null,
    next      varchar(30) not null,
    missed_at timestamptz not null
);
create index ops_missed_appointment_starts on ops_missed_appointment (starts_at, case_id);

-- Court orders of undecided cases: deadline, whether scheduling reported it at risk.
create table ops_court_order (
    case_id              uuid         not null,
    reference            varchar(200) not null,
    deadline             date         not null,
    registered_at        timestamptz  not null,
    at_risk              boolean      not null,
    risk_reason_code     varchar(60),
    earliest_possible_on date,
    primary key (case_id, reference)
);
create index ops_court_order_urgency on ops_court_order (at_risk desc, deadline, case_id);

-- Notifications that failed and were not sent since (any case, decided or not: a decision must reach the applicant).
create table ops_failed_delivery (
    notification_id uuid         not null primary key,
    case_id         uuid         not null,
    kind            varchar(50)  not null,
    channel         varchar(20)  not null,
    reason_code     varchar(60)  not null,
    reason          varchar(1000),
    failed_at       timestamptz  not null
);
create index ops_failed_delivery_case on ops_failed_delivery (case_id);
create index ops_failed_delivery_failed on ops_failed_delivery (failed_at, notification_id);

-- Each household member of an undecided case, with the end of their current lawful stay when it is known (null until
-- ApplicationRegistered carries it: an optional field added by another change).
create table ops_member_stay (
    case_id      uuid        not null,
    member_id    uuid        not null,
    relationship varchar(40) not null,
    stay_ends_on date,
    primary key (case_id, member_id)
);
create index ops_member_stay_ends on ops_member_stay (stay_ends_on, case_id) where stay_ends_on is not null;
