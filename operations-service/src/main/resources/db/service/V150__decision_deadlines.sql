-- Read model: every registered case's legal decision deadline, counted with the deadline policy (configuration
-- aima.deadlines.policies, with effective dates) in force on its registration date, and whether it was extended (the
-- first DecisionDeadlineExtended). Recomputed from the case's archived events with its other read models; rebuilt from
-- event_archive with them. Nothing here depends on the clock: days left and breach are counted when it is read.
create table ops_decision_deadline (
    case_id               uuid        not null primary key,
    -- the registration date the rule was chosen by (an imported case's original submission date)
    submitted_on          date        not null,
    -- the rule in force on submitted_on
    rule_effective_from   date        not null,
    rule_months           integer     not null,
    rule_extension_months integer     not null,
    -- the deadline without an extension, the moment it was extended (null: never), and the deadline in force
    original_deadline     date        not null,
    extended_at           timestamptz,
    deadline              date        not null,
    -- the day of the decision in mainland Portugal (null: undecided)
    decided_on            date
);
-- GET /operations/deadlines: undecided cases, nearest deadline first
create index ops_decision_deadline_open on ops_decision_deadline (deadline, case_id) where decided_on is null;
