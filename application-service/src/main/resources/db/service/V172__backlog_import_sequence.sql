-- The backlog-import read model is guarded by each import's event sequence, like every row-per-aggregate read model
-- (ReadModelTable): a redelivered event changes nothing, whatever the import's status. The rows written before carry
-- no sequence, so the read model is emptied and its processor's tokens removed: at start the processor rebuilds it
-- from the event store (a new processor reads the whole history).
alter table backlog_import add column last_sequence bigint not null default 0;
alter table backlog_import alter column last_sequence drop default;
truncate backlog_import_problem, backlog_import;
delete from token_entry where processor_name = 'backlog-imports';
