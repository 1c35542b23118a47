-- The checklist read model keeps each item's reason as its code and facts (ChecklistReason), worded in the reader's
-- language when it is read, and each case's language (the applicant's, as registered; null for checklists opened
-- before it was recorded: Portuguese). The rows written before carry neither, so the read model is emptied and its
-- processor's tokens removed: at start the processor rebuilds it from the event store (a new processor reads the whole
-- history), where the items stored before codes get theirs back from their sentences.
alter table checklist_case add column preferred_language varchar(10);
alter table checklist_item add column reason_code varchar(100);
alter table checklist_item add column reason_values jsonb not null default '{}'::jsonb;
truncate checklist_item, checklist_case;
delete from token_entry where processor_name = 'checklist';
