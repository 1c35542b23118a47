-- What staff typed about a case (EventArchive.STAFF_TEXT) is personal data of the case's applicant: blanked in the
-- cases whose applicant's data was erased before the archive did so on ApplicantDataErased. No read model of this
-- service uses these fields, so a rebuild from the archive gives the same rows.
update event_archive a
   set payload = jsonb_set(a.payload, array[t.field], to_jsonb('[erased]'::text))
  from (values ('DecisionIssued', 'reasoning'),
               ('DecisionDeadlineExtended', 'reason'),
               ('DocumentRejected', 'reason'),
               ('EvidenceRequested', 'reason')) as t(event_type, field)
 where a.event_type = t.event_type
   and a.payload ->> t.field is not null
   and a.payload ->> t.field <> '[erased]'
   and exists (select 1 from event_archive e where e.case_id = a.case_id and e.event_type = 'ApplicantDataErased');
