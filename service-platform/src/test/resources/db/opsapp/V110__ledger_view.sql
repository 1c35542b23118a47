create table ledger_view (
    case_id varchar(64) primary key,
    note    varchar(200) not null
);
