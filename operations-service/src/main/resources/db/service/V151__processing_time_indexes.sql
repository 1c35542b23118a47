-- GET /operations/processing-times reads the cases decided in a window, GET /operations/forecast the decisions and the
-- registrations of each day of one: both by range over ops_case (whose rows the cases projection writes).
create index ops_case_time_decided_at on ops_case (decided_at) where decided_at is not null;
create index ops_case_time_registered_at on ops_case (registered_at);
