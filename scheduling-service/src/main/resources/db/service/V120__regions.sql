-- Issue 16: every case is scheduled at a desk of its region.
-- Rows from before regions are in the documented default region, Region.BEFORE_REGIONS (LISBOA): the operation's first
-- desks were in Lisbon, where those cases were queued. A rebuild from the event store gives the same: events without a
-- region leave the column at its default.

-- The queue: the case's region, and the day it joined the queue (a fallback's waiting time counts from it). Rows from
-- before this migration are taken to wait since their registration (the earliest they can have joined).
alter table queue_entry add column region varchar(30) not null default 'LISBOA';
alter table queue_entry add column queued_on date;
update queue_entry set queued_on = (registered_at at time zone 'UTC')::date where registered_at is not null;
create index queue_entry_by_region on queue_entry (region, state);

-- The desks' regions: a desk without a row was defined before regions and is in the default region.
create table desk_region (
    desk_id varchar(50) not null primary key,
    region  varchar(30) not null
);
comment on table desk_region is 'Projection (projection.deskcalendar): the region each desk serves';

-- The appointments read model shows the case's region.
alter table appointment add column region varchar(30) not null default 'LISBOA';
