-- When the applicant's personal data was erased (ApplicantDataErased from application-service): the address and phone
-- number are gone from the row, and a contact that arrives later for the case (another topic, another order) is not
-- kept again.
alter table applicant_contact add column erased_at timestamptz;
