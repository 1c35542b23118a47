-- Whether the case's legal decision deadline was extended (issue 12), from DeadlineExtended. The deadline itself is
-- counted when read, from the deadline policy (configuration) and the registration date. Cases registered before
-- have had no extension: false is their truth, no rebuild needed.
alter table case_status add column deadline_extended boolean not null default false;
