-- When the applicant's personal data in the case was erased (crypto-shredding, ApplicantDataErased); null while kept.
alter table case_status add column personal_data_erased_at timestamptz;
