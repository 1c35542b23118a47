-- Issue 10: the queue, the desks' slots and the desks' calendars are projections now, written only by event handlers
-- (subscribing processing groups, in the transaction that stores the event) and rebuilt from the event store. The
-- comments of V100 and V102 that call them "not read models" describe the code before this migration.

-- A court order may be recorded before the case joins the queue: its row waits in state NOT_QUEUED, without the
-- facts that order the queue (they come with CaseQueued).
alter table queue_entry alter column submitted_on drop not null;
alter table queue_entry alter column registered_at drop not null;
alter table queue_entry alter column household_size drop not null;

comment on table queue_entry is 'Projection (projection.queue): every case that joined the queue, state NOT_QUEUED, WAITING, BOOKED, FLAGGED or SEEN';
comment on table desk_slot is 'Projection (projection.queue): one case per slot (primary key), the last guard against double booking';
comment on table desk_capacity is 'Projection (projection.deskcalendar): each capacity period a desk was given, in order';
comment on table desk_closure is 'Projection (projection.deskcalendar): each closure of a desk, in order';
