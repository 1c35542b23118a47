-- Read model of evidence requests, fed by the checklist processor (same sequence guard on checklist_case). It is also
-- the deadline table: the evidence-deadline poller reads the requests that have something due, so deadlines survive
-- restarts (the table is in the database; a reset rebuilds it from the event store).
create table evidence_request (
    case_id         uuid          not null references checklist_case (case_id) on delete cascade,
    request_id      varchar(64)   not null,
    member_id       uuid,
    document_types  varchar(1000) not null,
    reason          varchar(4000) not null,
    requested_on    date          not null,
    respond_by      date          not null,
    remind_on       date          not null,
    -- OPEN (awaiting the applicant), ANSWERED (awaiting AIMA), EXPIRED, REVIEWED
    status          varchar(20)   not null,
    reminded        boolean       not null default false,
    received_on     date,
    aima_respond_by date,
    aima_overdue    boolean       not null default false,
    requested_at    timestamptz   not null,
    primary key (case_id, request_id)
);
create index evidence_request_pending on evidence_request (status) where status in ('OPEN', 'ANSWERED');
