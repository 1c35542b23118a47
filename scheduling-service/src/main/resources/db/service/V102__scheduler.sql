-- The scheduler (issue 5): desks' capacity calendars, the queue, and households holding several slots.
-- Like desk_slot these tables are not read models: each is written in the transaction that stores the event that
-- changes it, so they always agree with the event store.

-- A household holds one slot per member: one case per slot stays the primary key (the last guard against double
-- booking); a case now holds several slots, each for one member.
alter table desk_slot drop constraint desk_slot_one_per_case;
alter table desk_slot add column member_index integer not null default 0;
alter table desk_slot add constraint desk_slot_one_per_member unique (case_id, member_index);
create index desk_slot_by_day on desk_slot (day);

-- The first-come-first-served cursor is gone: the scheduler computes the next free slots from desk_slot.
drop table desk_cursor;

-- Each capacity period a desk was given, in the order given (id); for a day the latest period covering it applies.
create table desk_capacity (
    id             bigserial   primary key,
    desk_id        varchar(50) not null,
    effective_from date        not null,
    effective_until date,
    opening_days   varchar(80) not null,
    slots_per_day  integer     not null check (slots_per_day >= 0),
    first_slot     time        not null,
    slot_minutes   integer     not null check (slot_minutes > 0)
);
create index desk_capacity_by_desk on desk_capacity (desk_id, id);

create table desk_closure (
    id           bigserial    primary key,
    desk_id      varchar(50)  not null,
    closed_from  date         not null,
    closed_until date         not null,
    reason       varchar(500),
    check (closed_until >= closed_from)
);
create index desk_closure_by_desk on desk_closure (desk_id, id);

-- Every case that joined the queue, with the facts that order it; state WAITING, BOOKED, FLAGGED (to a caseworker)
-- or SEEN (biometrics collected). The flow that queued it (correlation, cause) travels on to its appointment.
create table queue_entry (
    case_id            uuid         not null primary key,
    state              varchar(20)  not null,
    submitted_on       date         not null,
    registered_at      timestamptz  not null,
    household_size     integer      not null check (household_size > 0),
    court_deadline     date,
    previous_starts_at timestamp,
    not_before         date,
    correlation_id     varchar(200),
    causation_id       varchar(200),
    updated_at         timestamptz  not null
);
create index queue_entry_by_state on queue_entry (state);
