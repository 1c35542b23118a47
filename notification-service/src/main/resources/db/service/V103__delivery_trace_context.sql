-- Each delivery keeps the W3C trace context of the event that queued it (traceparent, and the baggage naming the case
-- and the flow), so the sender sends it, and reports its outcome, inside the case's trace rather than in a new one.
-- Rows queued before have none: they are sent in a trace of their own, named with their case and correlation id.
alter table notification_delivery add column traceparent varchar(100);
alter table notification_delivery add column baggage varchar(2000);
