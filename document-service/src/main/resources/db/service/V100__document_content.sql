-- The uploaded copies, one row per version (superseded versions stay). Written in the transaction of the upload
-- command that records the version, so there is never content without its event or an event without its content.
create table document_content (
    document_id uuid         not null primary key,
    case_id     uuid         not null,
    sha256      char(64)     not null,
    size        integer      not null,
    media_type  varchar(100) not null,
    content     bytea        not null,
    uploaded_at timestamptz  not null
);
create index document_content_case on document_content (case_id);
