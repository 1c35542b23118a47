-- A queue entry keeps, beside the flow that last queued the case (correlation, cause), the W3C trace context of that
-- flow (traceparent, and the baggage naming the case and the flow): the scheduling pass books the case inside that
-- trace, so the appointment belongs to the case's one trace instead of a trace of the pass's own. Rows written before
-- have none (a rebuild from the event store fills them in); their bookings start a trace named with the case.
alter table queue_entry add column traceparent varchar(100);
alter table queue_entry add column baggage varchar(2000);
