-- The SEF case number of a case imported from the backlog (ApplicationSubmitted.provenance), for the case status and
-- the outcome checksum; null for a case registered through the portal. Rows written before get it from the case's
-- first event, so the read model needs no rebuild.
alter table case_status add column legacy_number varchar(40);

update case_status c
set legacy_number = convert_from(e.payload, 'UTF8')::jsonb -> 'provenance' ->> 'legacyNumber'
from domain_event_entry e
where e.aggregate_identifier = c.case_id::text
  and e.sequence_number = 0
  and e.payload_type in ('application.ApplicationSubmitted',
                         'pt.aima.application.casefile.CaseEvent$ApplicationSubmitted');

create index case_status_legacy_number on case_status (legacy_number) where legacy_number is not null;
