-- Notifications a case holds until what their words depend on is known (CaseNotifications, NotificationHeld): one row
-- per held trigger, written in the transaction that holds it and deleted in the one that writes it (a subscribing
-- processing group, like the delivery outbox), so the hold sweep finds the holds that ran out without reading events.
create table held_notification (
    triggering_event_id uuid        not null primary key,
    case_id             uuid        not null,
    awaiting            varchar(20) not null,
    held_at             timestamptz not null
);

create index held_notification_held_at on held_notification (held_at);
