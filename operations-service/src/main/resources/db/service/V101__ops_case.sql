-- Read model: one row per registered case, recomputed from the case's archived events (sorted by occurred-at) each
-- time one of them arrives, so it is the same whatever order the topics delivered them in. Rebuilt from
-- event_archive by POST /operations/read-models/rebuild. No names, no contact data: ids and facts only.
create table ops_case (
    case_id                uuid         not null primary key,
    -- the applicant's pseudonymous portal account (search by applicantId)
    applicant_id           varchar(100) not null,
    -- the original submission date (kept by the SEF import): the case's age is counted from it
    submitted_on           date         not null,
    registered_at          timestamptz  not null,
    region                 varchar(30)  not null,
    -- PORTAL or SEF_IMPORT
    origin                 varchar(20)  not null,
    -- for an imported case: the SEF case number and who recovered it (CLAIM, MUNICIPALITY, PROFESSIONAL_ASSOCIATION)
    legacy_number          varchar(40),
    partner_type           varchar(40),
    partner_name           varchar(200),
    -- the relationship of the household's first member (the one the application names first)
    relationship           varchar(40)  not null,
    household_size         integer      not null,
    -- REGISTERED, DOCUMENTS_REQUIRED, DOCUMENTS_COMPLETE, BIOMETRICS_SCHEDULED, BIOMETRICS_COLLECTED, GRANTED, REFUSED
    stage                  varchar(30)  not null,
    required_documents     integer,
    checklist_opened_at    timestamptz,
    checklist_completed_at timestamptz,
    appointment_desk       varchar(50),
    appointment_starts_at  timestamp,
    biometrics_collected_at timestamptz,
    decision               varchar(20),
    decided_at             timestamptz,
    -- the day of the decision in mainland Portugal (a decided case's age is counted up to it)
    decided_on             date,
    -- the case's archived events folded into this row, and the latest occurred-at among them
    event_count            integer      not null,
    last_event_at          timestamptz  not null
);
-- GET /operations/backlog groups every row by these columns: an index-only scan covers it.
create index ops_case_backlog on ops_case (stage, region, origin, relationship, partner_name, submitted_on, decided_on);
create index ops_case_legacy_number on ops_case (legacy_number) where legacy_number is not null;
create index ops_case_applicant on ops_case (applicant_id);
create index ops_case_region_stage on ops_case (region, stage, submitted_on);
create index ops_case_submitted on ops_case (submitted_on, case_id);
-- ready-for-decision: checklist complete and biometrics collected, undecided, oldest submission first
create index ops_case_ready on ops_case (submitted_on, case_id)
    where decision is null and checklist_completed_at is not null and biometrics_collected_at is not null;
