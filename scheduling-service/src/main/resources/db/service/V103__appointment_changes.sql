-- Read model additions (issue 5): queued, moved, flagged, court-ordered appointments.
alter table appointment add column queued boolean not null default false;
alter table appointment add column flagged boolean not null default false;
alter table appointment add column last_change_reason_code varchar(50);
alter table appointment add column last_change_reason varchar(500);
alter table appointment add column court_reference varchar(100);
alter table appointment add column court_deadline date;
