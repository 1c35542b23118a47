-- A delivery's outcome (sent / failed) is reported to its case in a transaction of its own, after the row is marked:
-- a failure to report (a concurrent write to the case, a crash) is retried and never sends the message again.
alter table notification_delivery add column outcome_reported boolean not null default false;
update notification_delivery set outcome_reported = true where status in ('SENT', 'FAILED');
create index notification_delivery_unreported on notification_delivery (created_at)
    where status in ('SENT', 'FAILED') and not outcome_reported;
