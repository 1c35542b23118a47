-- The archive keeps what operations need (ArchivingListener.CHECKLIST_ITEM_NOT_KEPT): each DocumentChecklistOpened
-- item's reason in words and the facts it names (the countries a member lived in) are dropped from the payloads
-- archived before; the document type and reason code stay. No read model of this service uses them, so a rebuild
-- from the archive gives the same rows.
update event_archive
   set payload = jsonb_set(
           payload,
           '{items}',
           (select coalesce(jsonb_agg(item - 'reason' - 'reasonValues' order by position), '[]'::jsonb)
              from jsonb_array_elements(payload -> 'items') with ordinality as i(item, position)))
 where event_type = 'DocumentChecklistOpened'
   and jsonb_typeof(payload -> 'items') = 'array';
