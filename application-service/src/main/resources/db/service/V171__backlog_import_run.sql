-- The backlog importer's own working state (not a read model): one row per import started and not yet completed, with
-- the cases it has registered so far, written in the same transactions as the import's events and its cases. A row
-- left when the service starts belongs to an import a crash or a restart interrupted.
create table backlog_import_run (
    import_id  varchar(36) not null primary key,
    registered integer     not null default 0
);
