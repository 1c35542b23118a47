-- Tamper evidence, part one: every stored event carries a SHA-256 hash that chains it to the event before it in the
-- same aggregate's stream (signed checkpoints over the whole store, which also bind each event to its global index,
-- are in V1_12):
--
--   chain_hash(n) = sha256( chain_hash(n-1) || canonical bytes of event n )      chain_hash(-1) = 32 zero bytes
--
-- The canonical bytes are the columns exactly as stored, in this order: event_identifier, type, aggregate_identifier,
-- sequence_number (8 bytes, big-endian), payload_type, payload_revision, time_stamp, payload, meta_data; every column
-- but the sequence number as its length in bytes (4 bytes, big-endian; -1 for null) followed by its bytes (text in
-- UTF-8). A predecessor that is missing, or has no hash, counts as 32 zero bytes.
--
-- Who computes it: the platform's storage engine (pt.aima.platform.eventstore.ChainingJdbcEventStorageEngine) in the
-- appending transaction, in Java, where the payload is already serialized and the predecessor's hash is usually known
-- from loading the aggregate; the trigger below for every other writer (a migration, a hand-written INSERT): it runs
-- only for rows that arrive without a hash. pt.aima.platform.integrity.EventHash is the Java twin; verifiers never
-- trust this function: whoever can change the database can change the function.
-- Snapshots, tokens, sagas and dead letters are not events and carry no hash.
-- sha256() is built into PostgreSQL since 11; no extension (pgcrypto) is needed.

-- The text columns are hashed as their UTF-8 bytes, and octet_length() counts them so only in a UTF8 database.
do $$
begin
    if current_setting('server_encoding') <> 'UTF8' then
        raise exception 'the event chain needs a UTF8 database, not %', current_setting('server_encoding');
    end if;
end
$$;

alter table domain_event_entry add column chain_hash bytea;

-- PL/pgSQL, one expression: nested SQL functions (a helper per length-prefixed column) are not inlined here and cost
-- five times as much per event.
create function aima_event_chain_hash(
        previous_hash bytea, event_identifier text, type text, aggregate_identifier text, sequence_number bigint,
        payload_type text, payload_revision text, time_stamp text, payload bytea, meta_data bytea) returns bytea
    language plpgsql immutable parallel safe as $$
begin
    return sha256(coalesce(previous_hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)
        || coalesce(int4send(octet_length(event_identifier)) || convert_to(event_identifier, 'UTF8'), '\xffffffff'::bytea)
        || coalesce(int4send(octet_length(type)) || convert_to(type, 'UTF8'), '\xffffffff'::bytea)
        || coalesce(int4send(octet_length(aggregate_identifier)) || convert_to(aggregate_identifier, 'UTF8'),
                    '\xffffffff'::bytea)
        || int8send(sequence_number)
        || coalesce(int4send(octet_length(payload_type)) || convert_to(payload_type, 'UTF8'), '\xffffffff'::bytea)
        || coalesce(int4send(octet_length(payload_revision)) || convert_to(payload_revision, 'UTF8'), '\xffffffff'::bytea)
        || coalesce(int4send(octet_length(time_stamp)) || convert_to(time_stamp, 'UTF8'), '\xffffffff'::bytea)
        || coalesce(int4send(octet_length(payload)) || payload, '\xffffffff'::bytea)
        || coalesce(int4send(octet_length(meta_data)) || meta_data, '\xffffffff'::bytea));
end
$$;

-- Events stored before this migration: each stream chained in sequence order.
do $$
declare
    event record;
    previous_aggregate text := null;
    previous_sequence bigint;
    previous_hash bytea;
begin
    for event in
        select global_index, event_identifier, type, aggregate_identifier, sequence_number, payload_type,
               payload_revision, time_stamp, payload, meta_data
        from domain_event_entry
        order by aggregate_identifier, sequence_number
    loop
        if previous_aggregate is distinct from event.aggregate_identifier
                or event.sequence_number <> previous_sequence + 1 then
            previous_hash := null;
        end if;
        previous_hash := aima_event_chain_hash(previous_hash, event.event_identifier, event.type,
            event.aggregate_identifier, event.sequence_number, event.payload_type, event.payload_revision,
            event.time_stamp, event.payload, event.meta_data);
        previous_aggregate := event.aggregate_identifier;
        previous_sequence := event.sequence_number;
        update domain_event_entry set chain_hash = previous_hash where global_index = event.global_index;
    end loop;
end
$$;

-- Rows that arrive without a hash: the predecessor is the stream's event at sequence_number - 1.
create function aima_chain_event() returns trigger
    language plpgsql as $$
declare
    previous_hash bytea;
begin
    if new.sequence_number > 0 then
        select chain_hash into previous_hash from domain_event_entry
        where aggregate_identifier = new.aggregate_identifier and sequence_number = new.sequence_number - 1;
    end if;
    new.chain_hash := aima_event_chain_hash(previous_hash, new.event_identifier, new.type, new.aggregate_identifier,
        new.sequence_number, new.payload_type, new.payload_revision, new.time_stamp, new.payload, new.meta_data);
    return new;
end
$$;

create trigger domain_event_entry_chain before insert on domain_event_entry
    for each row when (new.chain_hash is null) execute function aima_chain_event();
