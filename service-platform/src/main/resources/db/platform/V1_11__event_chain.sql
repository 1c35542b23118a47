-- Tamper evidence, part one: every stored event carries a SHA-256 hash that chains it to the event before it in the
-- same aggregate's stream (the per-stream chain; signed checkpoints over the whole store are in V1_12):
--
--   chain_hash(n) = sha256( chain_hash(n-1) || canonical bytes of event n )      chain_hash(-1) = 32 zero bytes
--
-- The canonical bytes are the columns exactly as stored, in this order: global_index (8 bytes, big-endian),
-- event_identifier, type, aggregate_identifier, sequence_number (8 bytes, big-endian), payload_type, payload_revision,
-- time_stamp, payload, meta_data; each text or bytea column as its length in bytes (4 bytes, big-endian; -1 for null)
-- followed by its bytes (text in UTF-8). pt.aima.platform.integrity.EventHash computes the same in Java: the
-- verifier never trusts this function, it recomputes every hash itself.
--
-- The hash is computed by a trigger in the appending transaction, so every writer gets it (Axon's JDBC engine, a
-- migration, a hand-written INSERT), and the predecessor's hash is one lookup in the (aggregate, sequence) index the
-- append already maintains. Streams do not wait for each other: appends of different cases take no common lock.
-- Snapshots, tokens, sagas and dead letters are not events and carry no hash.
-- sha256() is built into PostgreSQL since 11; no extension (pgcrypto) is needed.

alter table domain_event_entry add column chain_hash bytea;

create function aima_length_prefixed(value bytea) returns bytea
    language sql immutable parallel safe
    return case when value is null then '\xffffffff'::bytea else int4send(octet_length(value)) || value end;

create function aima_event_chain_hash(
        previous_hash bytea, global_index bigint, event_identifier text, type text, aggregate_identifier text,
        sequence_number bigint, payload_type text, payload_revision text, time_stamp text, payload bytea,
        meta_data bytea) returns bytea
    language sql immutable parallel safe
    return sha256(previous_hash
        || int8send(global_index)
        || aima_length_prefixed(convert_to(event_identifier, 'UTF8'))
        || aima_length_prefixed(convert_to(type, 'UTF8'))
        || aima_length_prefixed(convert_to(aggregate_identifier, 'UTF8'))
        || int8send(sequence_number)
        || aima_length_prefixed(convert_to(payload_type, 'UTF8'))
        || aima_length_prefixed(convert_to(payload_revision, 'UTF8'))
        || aima_length_prefixed(convert_to(time_stamp, 'UTF8'))
        || aima_length_prefixed(payload)
        || aima_length_prefixed(meta_data));

-- Events stored before this migration: each stream chained in sequence order.
do $$
declare
    event record;
    previous_aggregate text := null;
    previous_hash bytea;
begin
    for event in
        select global_index, event_identifier, type, aggregate_identifier, sequence_number, payload_type,
               payload_revision, time_stamp, payload, meta_data
        from domain_event_entry
        order by aggregate_identifier, sequence_number
    loop
        if previous_aggregate is distinct from event.aggregate_identifier then
            previous_hash := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
            previous_aggregate := event.aggregate_identifier;
        end if;
        previous_hash := aima_event_chain_hash(previous_hash, event.global_index, event.event_identifier, event.type,
            event.aggregate_identifier, event.sequence_number, event.payload_type, event.payload_revision,
            event.time_stamp, event.payload, event.meta_data);
        update domain_event_entry set chain_hash = previous_hash where global_index = event.global_index;
    end loop;
end
$$;

-- New events: the predecessor is the stream's event at sequence_number - 1 (none for the first: 32 zero bytes). The
-- global index is already drawn from its sequence when a BEFORE trigger runs.
create function aima_chain_event() returns trigger
    language plpgsql as $$
declare
    previous_hash bytea;
begin
    if new.sequence_number > 0 then
        select chain_hash into previous_hash from domain_event_entry
        where aggregate_identifier = new.aggregate_identifier and sequence_number = new.sequence_number - 1;
    end if;
    new.chain_hash := aima_event_chain_hash(
        coalesce(previous_hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea),
        new.global_index, new.event_identifier, new.type, new.aggregate_identifier, new.sequence_number,
        new.payload_type, new.payload_revision, new.time_stamp, new.payload, new.meta_data);
    return new;
end
$$;

create trigger domain_event_entry_chain before insert on domain_event_entry
    for each row execute function aima_chain_event();
