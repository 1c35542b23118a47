-- The event store is written through plain JDBC (Axon's JdbcEventStorageEngine), which leaves the global index to the
-- database: the column takes its value from the sequence the JPA mapping used, still one value at a time, so the
-- indexes already handed out and the ones to come are one series.
alter table domain_event_entry alter column global_index set default nextval('domain_event_global_index_seq');
alter sequence domain_event_global_index_seq owned by domain_event_entry.global_index;
