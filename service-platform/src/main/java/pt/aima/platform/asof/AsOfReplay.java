package pt.aima.platform.asof;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A read model as it stood at a past instant, for one aggregate: the aggregate's events up to that instant ({@link
 * AggregateHistory}) are replayed through the projection's own event handlers into temporary copies of its tables, and
 * the projection's own query reads the copies. No projection logic and no query is written twice: the live processor
 * and the replay run the same handlers, and the endpoint maps the same rows to the same view.
 *
 * <p>How the copies stay apart from the live tables: in a transaction of its own, each table gets a temporary table of
 * the same name and shape ({@code create temporary table t (like t including all) on commit drop}); PostgreSQL looks up
 * unqualified names in the session's temporary schema first, so the handlers' and the query's SQL, unchanged, reach
 * the copies. A pooled connection has prepared many of those statements on the server before (pgjdbc does so for
 * repeated statements), and PostgreSQL's documentation does not promise that a prepared statement looks its tables up
 * again when a table of the same name appears earlier on the search path: {@code discard plans} makes every one of them
 * do so. Then the transaction is made read-only, so PostgreSQL itself refuses any write that would reach a live table
 * (temporary tables may still be written). The transaction always rolls back, which drops the copies. Nothing is written to the
 * live read model and no lock is taken on it.
 */
public class AsOfReplay {

    private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final AggregateHistory history;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final Supplier<Instant> now;
    private final Map<Object, AnnotationEventHandlerAdapter> handlers = new ConcurrentHashMap<>();

    /**
     * @param now the latest instant anything can have been recorded at: the clock that stamps stored events
     */
    public AsOfReplay(
            AggregateHistory history, PlatformTransactionManager transactions, JdbcClient jdbc, Supplier<Instant> now) {
        this.history = history;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.now = now;
    }

    /**
     * The request's {@code asOf} query parameter (see {@link AsOf}); empty when the request has none.
     *
     * @throws pt.aima.platform.web.InvalidParameter 400 naming {@code asOf}: unparseable, or in the future
     */
    public Optional<Instant> asOf(String raw) {
        return AsOf.parse(raw, now.get());
    }

    /**
     * The read model of {@code aggregateId} as it stood at {@code asOf}.
     *
     * @param projection the projection's bean: its {@code @EventHandler} methods build the read model
     * @param tables every table the projection writes for one aggregate (its row's table and the child tables)
     * @param read the projection's own query for the aggregate, run against the rebuilt copies
     * @return empty when the aggregate had no event by {@code asOf}, or its events made no row
     */
    public <T> Optional<T> replay(
            Object aggregateId, Instant asOf, Object projection, List<String> tables, Supplier<Optional<T>> read) {
        tables.forEach(AsOfReplay::requirePlainName);
        AnnotationEventHandlerAdapter projectionHandlers =
                handlers.computeIfAbsent(projection, AnnotationEventHandlerAdapter::new);
        return transaction.execute(status -> {
            status.setRollbackOnly();
            List<DomainEventMessage<?>> events = history.upTo(aggregateId.toString(), asOf);
            if (events.isEmpty()) {
                return Optional.<T>empty();
            }
            for (String table : tables) {
                jdbc.sql("create temporary table " + table + " (like " + table + " including all) on commit drop")
                        .update();
            }
            jdbc.sql("discard plans").update();
            jdbc.sql("set local transaction_read_only = on").update();
            for (DomainEventMessage<?> event : events) {
                if (projectionHandlers.canHandle(event)) {
                    handle(projectionHandlers, event);
                }
            }
            return read.get();
        });
    }

    private static void handle(AnnotationEventHandlerAdapter handlers, DomainEventMessage<?> event) {
        try {
            handlers.handle(event);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "event " + event.getIdentifier() + " could not be replayed: " + e.getMessage(), e);
        }
    }

    private static void requirePlainName(String table) {
        if (table == null || !TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a plain table name: " + table);
        }
    }
}
