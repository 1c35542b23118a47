-- The region where the household lives (issue 16), from ApplicationSubmitted. Null for cases registered before
-- regions existed: their events name none (scheduling places them in Region.BEFORE_REGIONS).
alter table case_status add column region varchar(30);
