-- Crypto-shredding (PersonalDataKeys): one AES-256-GCM data key per data subject (the applicant), stored wrapped by
-- the service's key-encryption key. Personal fields of stored events are encrypted with it; erasure destroys the key
-- (wrapped_key set to null) and keeps who erased it, when and on which legal basis, so the events stay in the store,
-- their hash chains unchanged, and what they held cannot be read again.
create table personal_data_key (
    data_subject varchar(200)  not null primary key,
    wrapped_key  bytea,
    created_at   timestamptz   not null default now(),
    erased_at    timestamptz,
    legal_basis  varchar(2000),
    erased_by    varchar(255),
    constraint personal_data_key_erased check ((wrapped_key is null) = (erased_at is not null))
);
