package pt.aima.platform.testing.harness;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import pt.aima.platform.acting.ActingContext;

/**
 * The service's event store as stored (the {@code domain_event_entry} table of the platform's schema): counts and
 * types of events, for assertions the REST API cannot make (nothing was stored; the case's history in order).
 */
public final class EventStoreProbe {

    /** Events whose metadata names the correlation id (the platform writes it as a JSON object). */
    private static final String OF_CORRELATION =
            "(convert_from(meta_data, 'UTF8')::jsonb ->> '" + ActingContext.CORRELATION_ID + "') = :correlation";

    private final JdbcClient jdbc;
    private final String correlationId;

    EventStoreProbe(JdbcClient jdbc, String correlationId) {
        this.jdbc = jdbc;
        this.correlationId = correlationId;
    }

    /** The events stored in this test's flow: caused by its requests, or by the envelopes it published. */
    public long countCausedByThisTest() {
        return countCausedBy(requireTest());
    }

    /** The events stored in the flow {@code correlationId}. */
    public long countCausedBy(String correlationId) {
        return jdbc.sql("select count(*) from domain_event_entry where " + OF_CORRELATION)
                .param("correlation", correlationId)
                .query(Long.class)
                .single();
    }

    /** The simple class names of the events stored in this test's flow, in the order they were stored. */
    public List<String> typesCausedByThisTest() {
        return jdbc
                .sql("select payload_type from domain_event_entry where " + OF_CORRELATION + " order by global_index")
                .param("correlation", requireTest())
                .query(String.class)
                .list()
                .stream()
                .map(EventStoreProbe::simpleName)
                .toList();
    }

    /** The events of one aggregate (a case's id, as Axon stores it: its {@code toString()}). */
    public long count(Object aggregateId) {
        return jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier = :id")
                .param("id", aggregateId.toString())
                .query(Long.class)
                .single();
    }

    /** The simple class names of one aggregate's events, by sequence number (snapshots do not hide any). */
    public List<String> types(Object aggregateId) {
        return jdbc
                .sql("select payload_type from domain_event_entry where aggregate_identifier = :id"
                        + " order by sequence_number")
                .param("id", aggregateId.toString())
                .query(String.class)
                .list()
                .stream()
                .map(EventStoreProbe::simpleName)
                .toList();
    }

    /** The snapshots stored for one aggregate. */
    public long snapshots(Object aggregateId) {
        return jdbc.sql("select count(*) from snapshot_event_entry where aggregate_identifier = :id")
                .param("id", aggregateId.toString())
                .query(Long.class)
                .single();
    }

    /**
     * {@code application.ApplicationSubmitted} (a logical name) and {@code pt.aima.x.CaseEvent$ApplicationSubmitted} (a
     * class name, as rows were stored before V200) are both {@code ApplicationSubmitted}.
     */
    static String simpleName(String payloadType) {
        int cut = Math.max(payloadType.lastIndexOf('.'), payloadType.lastIndexOf('$'));
        return payloadType.substring(cut + 1);
    }

    private String requireTest() {
        if (correlationId == null) {
            throw new IllegalStateException("only inside a test (after @BeforeEach of ServiceHarness)");
        }
        return correlationId;
    }
}
