-- The desks' bookings. Not a read model: the slot allocator writes them in the transaction that stores the booking
-- event, so they are never rebuilt from events and always agree with the event store.

-- The next slot each desk hands out; its row is locked (select ... for update) while a slot is taken, so two
-- consumers never take the same one.
create table desk_cursor (
    desk_id         varchar(50) not null primary key,
    next_day        date        not null,
    next_slot_index integer     not null
);

-- One case per slot (primary key) and one slot per case (unique case id): the last guard against double booking.
create table desk_slot (
    desk_id          varchar(50) not null,
    day              date        not null,
    slot_index       integer     not null,
    case_id          uuid        not null,
    starts_at        timestamp   not null,
    duration_minutes integer     not null,
    booked_at        timestamptz not null,
    primary key (desk_id, day, slot_index),
    constraint desk_slot_one_per_case unique (case_id)
);
