-- Read model: where each case stands. Rebuilt from the event store by resetting the case-status processor.
create table case_status (
    case_id              uuid         not null primary key,
    applicant_id         varchar(100) not null,
    submitted_on         date         not null,
    household_size       integer      not null,
    required_documents   integer,
    checklist_complete   boolean      not null default false,
    biometric_desk       varchar(50),
    biometric_starts_at  timestamp,
    biometrics_collected boolean      not null default false,
    decision             varchar(20),
    decided_at           timestamptz,
    registered_at        timestamptz  not null,
    updated_at           timestamptz  not null,
    last_sequence        bigint       not null
);
create index case_status_applicant on case_status (applicant_id);
create index case_status_submitted on case_status (submitted_on);
