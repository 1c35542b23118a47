-- Read model: backlog imports and their reports (bad lines). Rebuilt from ImportStarted/ImportCompleted.
create table backlog_import (
    import_id          varchar(36)  not null primary key,
    status             varchar(20)  not null,
    operator           varchar(100) not null,
    sha256             varchar(64)  not null,
    size_bytes         bigint       not null,
    started_at         timestamptz  not null,
    completed_at       timestamptz,
    lines              integer,
    cases              integer,
    registered         integer,
    already_registered integer,
    rejected_cases     integer
);
create table backlog_import_problem (
    import_id     varchar(36)   not null references backlog_import (import_id),
    line          integer       not null,
    legacy_number varchar(40),
    code          varchar(40)   not null,
    reason        varchar(2000) not null
);
create index backlog_import_problem_import on backlog_import_problem (import_id, line);
