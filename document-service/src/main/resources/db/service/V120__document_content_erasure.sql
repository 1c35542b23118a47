-- Erasure of an applicant's personal data (DocumentDataErased): the uploaded bytes of the case's documents are deleted,
-- the row stays with its digest, size and type (what the history says was uploaded and verified), and says when.
alter table document_content alter column content drop not null;
alter table document_content add column erased_at timestamptz;
