-- The backlog benchmark's last check (issue 16), on scheduling-service's tables: every queued case holds a slot at a
-- desk of its own region. Answers booked_in_region|waiting|booked_outside_region; the benchmark wants waiting = 0 and
-- booked_outside_region = 0. A desk without a desk_region row was defined before regions: it is in LISBOA
-- (Region.BEFORE_REGIONS). SchedulingServiceIT runs this very file against the service's schema.
select count(*) filter (where state in ('BOOKED', 'SEEN') and in_region)     as booked_in_region,
       count(*) filter (where state = 'WAITING')                             as waiting,
       count(*) filter (where state in ('BOOKED', 'SEEN') and not in_region) as booked_outside_region
from (select q.state,
             exists (select 1
                     from desk_slot s left join desk_region r on r.desk_id = s.desk_id
                     where s.case_id = q.case_id and coalesce(r.region, 'LISBOA') = q.region) as in_region
      from queue_entry q) queued
