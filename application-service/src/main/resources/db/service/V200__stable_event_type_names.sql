-- Stable stored names: the event store records every internal event, and every snapshotted aggregate, under its
-- @StoredAs logical name instead of its Java class name (StoredTypeSerializer), so moving or renaming a class no longer
-- breaks the replay of its history. This rewrites the rows written before, under the class names the types had until
-- then, to those logical names: events, snapshots (a cache, but kept warm rather than dropped: the aggregate's own
-- logical name maps it like an event) and the events parked in the processors' dead-letter queue. The service's
-- StoredTypeNamesTest holds this list to the @StoredAs types on its classpath.
-- Revisions are unchanged: the payloads are the same JSON.

create temporary table stored_type_rename (
    class_name   varchar(255) not null primary key,
    logical_name varchar(255) not null unique
);

insert into stored_type_rename (class_name, logical_name) values
    ('pt.aima.application.casefile.CaseEvent$ApplicationSubmitted',         'application.ApplicationSubmitted'),
    ('pt.aima.application.casefile.CaseEvent$ChecklistOpenedRecorded',      'application.ChecklistOpenedRecorded'),
    ('pt.aima.application.casefile.CaseEvent$ChecklistCompletionRecorded',  'application.ChecklistCompletionRecorded'),
    ('pt.aima.application.casefile.CaseEvent$BiometricSlotRecorded',        'application.BiometricSlotRecorded'),
    ('pt.aima.application.casefile.CaseEvent$BiometricsCollectionRecorded', 'application.BiometricsCollectionRecorded'),
    ('pt.aima.application.casefile.CaseEvent$DecisionMade',                 'application.DecisionMade'),
    ('pt.aima.application.backlog.ImportEvent$ImportStarted',               'application.ImportStarted'),
    ('pt.aima.application.backlog.ImportEvent$ImportCompleted',             'application.ImportCompleted'),
    ('pt.aima.application.backlog.ImportEvent$ImportInterrupted',           'application.ImportInterrupted'),
    ('pt.aima.application.backlog.ImportEvent$ImportResumed',               'application.ImportResumed'),
    ('pt.aima.application.casefile.ReunificationCase',                      'application.ReunificationCase');

update domain_event_entry e set payload_type = r.logical_name
from stored_type_rename r where e.payload_type = r.class_name;

update snapshot_event_entry s set payload_type = r.logical_name
from stored_type_rename r where s.payload_type = r.class_name;

update dead_letter_entry d set payload_type = r.logical_name
from stored_type_rename r where d.payload_type = r.class_name;

drop table stored_type_rename;
