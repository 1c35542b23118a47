-- The archive keeps what operations need (ArchivingListener.NOT_KEPT): each household member's date of birth,
-- nationality, residence history, date of entry and the other parent's residence are dropped from the
-- ApplicationRegistered payloads archived before. No read model of this service uses them, so a rebuild from the
-- archive gives the same rows.
update event_archive
   set payload = jsonb_set(
           payload,
           '{household}',
           (select coalesce(jsonb_agg(member - 'dateOfBirth' - 'nationality' - 'presentInPortugalSince'
                                             - 'residenceHistory' - 'otherParentResidesInPortugal'
                                      order by position), '[]'::jsonb)
              from jsonb_array_elements(payload -> 'household') with ordinality as m(member, position)))
 where event_type = 'ApplicationRegistered'
   and jsonb_typeof(payload -> 'household') = 'array';
