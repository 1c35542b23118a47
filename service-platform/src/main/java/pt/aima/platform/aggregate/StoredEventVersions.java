package pt.aima.platform.aggregate;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The last sequence number of an aggregate's stream in the service's event store: one lookup in the unique index on
 * (aggregate, sequence number), on the connection of the current transaction when there is one.
 */
public final class StoredEventVersions implements AggregateCache.StoredVersions {

    private final JdbcClient jdbc;

    public StoredEventVersions(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    @Override
    public Long lastSequenceNumber(String aggregateIdentifier) {
        return jdbc.sql("select max(sequence_number) from domain_event_entry where aggregate_identifier = ?")
                .param(aggregateIdentifier)
                .query(Long.class)
                .single();
    }
}
