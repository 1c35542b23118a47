-- The evidence-request read model gets its own processor (evidence-requests) and its own sequence guard: each row
-- remembers the case's last event applied to it. It no longer depends on checklist_case (V102's comment about the
-- checklist processor no longer holds), so the two processors run, reset and rebuild independently. The table is
-- emptied here: the new processor starts at the first event and rebuilds it.
alter table evidence_request drop constraint evidence_request_case_id_fkey;
truncate evidence_request;
alter table evidence_request add column last_sequence bigint not null;
