create table case_summary (
    case_id       uuid         not null primary key,
    applicant     varchar(100) not null,
    notes         integer      not null,
    projected_at  timestamptz  not null default clock_timestamp(),
    updated_at    timestamptz  not null,
    last_sequence bigint       not null,
    constraint case_summary_notes_not_negative check (notes >= 0)
);
create index case_summary_applicant on case_summary (applicant);
comment on table case_summary is 'Projection (case-summary): one row per case';

create table case_note (
    case_id  uuid         not null references case_summary (case_id),
    position integer      not null,
    text     varchar(200) not null
);
create index case_note_case on case_note (case_id, position);

-- Not part of the projection: written by the test, with a foreign key into it.
create table case_flag (
    case_id uuid        not null constraint case_flag_case references case_summary (case_id),
    flag    varchar(50) not null
);
