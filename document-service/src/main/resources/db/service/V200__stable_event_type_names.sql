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
    ('pt.aima.document.casedocuments.CaseDocumentsEvent$ChecklistOpened',         'document.ChecklistOpened'),
    ('pt.aima.document.casedocuments.CaseDocumentsEvent$DocumentVersionUploaded', 'document.DocumentVersionUploaded'),
    ('pt.aima.document.casedocuments.CaseDocumentsEvent$DocumentVersionAccepted', 'document.DocumentVersionAccepted'),
    ('pt.aima.document.casedocuments.CaseDocumentsEvent$DocumentVersionRejected', 'document.DocumentVersionRejected'),
    ('pt.aima.document.casedocuments.CaseDocumentsEvent$ChecklistCompleted',      'document.ChecklistCompleted'),
    ('pt.aima.document.casedocuments.CaseDocumentsEvent$EvidenceRequestMade',     'document.EvidenceRequestMade'),
    ('pt.aima.document.casedocuments.CaseDocumentsEvent$EvidenceReminderFellDue', 'document.EvidenceReminderFellDue'),
    ('pt.aima.document.casedocuments.CaseDocumentsEvent$EvidenceRequestLapsed',   'document.EvidenceRequestLapsed'),
    ('pt.aima.document.casedocuments.CaseDocumentsEvent$EvidenceArrived',         'document.EvidenceArrived'),
    ('pt.aima.document.casedocuments.CaseDocumentsEvent$EvidenceReviewed',        'document.EvidenceReviewed'),
    ('pt.aima.document.casedocuments.CaseDocumentsEvent$EvidenceReviewOverdue',   'document.EvidenceReviewOverdue'),
    ('pt.aima.document.casedocuments.CaseDocuments',                              'document.CaseDocuments');

update domain_event_entry e set payload_type = r.logical_name
from stored_type_rename r where e.payload_type = r.class_name;

update snapshot_event_entry s set payload_type = r.logical_name
from stored_type_rename r where s.payload_type = r.class_name;

update dead_letter_entry d set payload_type = r.logical_name
from stored_type_rename r where d.payload_type = r.class_name;

drop table stored_type_rename;
