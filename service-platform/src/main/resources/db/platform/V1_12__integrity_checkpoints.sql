-- Tamper evidence, part two: signed checkpoints over the whole event store (pt.aima.platform.integrity.Checkpoint).
-- At least once a minute while events are appended the service folds the chain hashes of the events stored since its
-- last checkpoint into that checkpoint's digest, signs the result with its own Ed25519 key (kept outside this
-- database) and publishes it on Kafka (aima.<service>.checkpoints.v1), so a copy lives where a database administrator
-- cannot rewrite it. published_at is set once the broker acknowledged the record.
create table integrity_checkpoint (
    checkpoint_number  bigint       not null primary key,
    service            varchar(255) not null,
    previous_digest    bytea        not null,
    from_global_index  bigint       not null,
    up_to_global_index bigint       not null,
    event_count        bigint       not null,
    late               bigint[]     not null,
    holes              text         not null,
    digest             bytea        not null,
    signed_at          timestamptz  not null,
    key_id             varchar(64)  not null,
    public_key         text         not null,
    signature          bytea        not null,
    published_at       timestamptz
);

-- Global indexes up to the latest checkpoint that held no event when it was signed, still watched for a transaction
-- that commits late (it then joins the next checkpoint). Dropped after aima.integrity.gap-retention: an event that
-- appears there afterwards was never appended by the service.
create table integrity_open_gap (
    first_index bigint      not null primary key,
    last_index  bigint      not null,
    seen_at     timestamptz not null
);
