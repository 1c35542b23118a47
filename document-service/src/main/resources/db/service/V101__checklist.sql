-- Read model: each case's checklist and where each item stands. Rebuilt from the event store by resetting the
-- checklist processor. last_sequence (the case's last applied event) makes every update idempotent.
create table checklist_case (
    case_id      uuid         not null primary key,
    applicant_id varchar(100) not null,
    submitted_on date         not null,
    complete     boolean      not null default false,
    opened_at    timestamptz  not null,
    updated_at   timestamptz  not null,
    last_sequence bigint      not null
);
create index checklist_case_applicant on checklist_case (applicant_id);

create table checklist_item (
    case_id          uuid          not null references checklist_case (case_id) on delete cascade,
    member_id        uuid          not null,
    document_type    varchar(50)   not null,
    position         integer       not null,
    reason           varchar(1000) not null,
    status           varchar(20)   not null,
    document_id      uuid,
    rejection_code   varchar(100),
    rejection_reason varchar(4000),
    primary key (case_id, member_id, document_type)
);
