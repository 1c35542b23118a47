-- Resealing (pt.aima.platform.integrity.Reseal, pt.aima.platform.privacy.StoredPersonalDataSealing): events stored
-- before their personal fields were encrypted get those fields encrypted in place, under the data subject's key, so
-- the subject's erasure reaches them too. Their chain hashes are not rewritten (no later hash, checkpoint or cached
-- chain head changes); instead each batch of resealed events is a statement signed with the service's checkpoint
-- key: "the event at this global index, stored with chain hash H, now holds bytes whose hash on its predecessor is
-- R". A verifier accepts a resealed event only through such a statement, so without the signing key a changed event
-- cannot be passed off as resealed, and removing or altering the statement exposes the event as changed.
create table event_reseal (
    reseal_number  bigint        not null primary key,
    service        varchar(255)  not null,
    signed_at      timestamptz   not null,
    reason         varchar(2000) not null,
    entry_count    integer       not null,
    entries_digest bytea         not null,
    key_id         varchar(64)   not null,
    public_key     text          not null,
    signature      bytea         not null
);

-- One row per resealed event; the statement signs the digest of its rows in global-index order.
create table event_reseal_entry (
    global_index         bigint       not null primary key,
    reseal_number        bigint       not null references event_reseal (reseal_number),
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    chain_hash           bytea        not null,
    resealed_hash        bytea        not null
);
create index event_reseal_entry_by_reseal on event_reseal_entry (reseal_number, global_index);

-- How far the sweep for events stored in clear got, per set of personal fields the service knows (a fingerprint of
-- its stored types' @Personal components): a new personal field starts a new sweep from the beginning.
create table personal_data_sealing (
    personal_fields varchar(64) not null primary key,
    swept_up_to     bigint      not null,
    sealed          bigint      not null,
    updated_at      timestamptz not null
);
