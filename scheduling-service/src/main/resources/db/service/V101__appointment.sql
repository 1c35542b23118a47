-- Read model: each case's biometric appointment. Rebuilt from the event store by resetting the appointments processor.
create table appointment (
    case_id                 uuid         not null primary key,
    applicant_id            varchar(100),
    submitted_on            date,
    household_size          integer,
    desk_id                 varchar(50),
    starts_at               timestamp,
    duration_minutes        integer,
    biometrics_collected_at timestamptz,
    updated_at              timestamptz  not null,
    last_sequence           bigint       not null
);
create index appointment_applicant on appointment (applicant_id);
create index appointment_desk_time on appointment (desk_id, starts_at);
