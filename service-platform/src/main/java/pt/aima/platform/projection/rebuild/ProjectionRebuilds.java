package pt.aima.platform.projection.rebuild;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;
import pt.aima.platform.acting.ActingContext;
import pt.aima.platform.operations.OperationRefused;
import pt.aima.platform.operations.OperatorActionLog;
import pt.aima.platform.projection.ProjectionPositions;
import pt.aima.platform.projection.ProjectionPositions.StoredToken;
import pt.aima.platform.projection.ProjectionsProperties;
import pt.aima.platform.projection.rebuild.ProjectionRebuild.Difference;
import pt.aima.platform.projection.rebuild.ProjectionRebuild.TableChecksum;

/**
 * Blue/green rebuilds of the service's projections, with proof: a rebuild replays the event store into a copy of the
 * projection's tables while the live projection keeps serving and processing, and switches to the copy only if it
 * equals the live tables at the same global index.
 *
 * <ol>
 *   <li><b>RUNNING.</b> Copies of the tables are created empty in a schema of the rebuild's own ({@link
 *       BlueGreenTables}); the projection's own handlers (the objects its processor calls) replay the event store into
 *       them, batch by batch, each batch in one transaction whose {@code search_path} is that schema alone. The copy's
 *       position is its own tracking token, the same kind the processor keeps.
 *   <li><b>CAUGHT_UP.</b> When a read returns less than a batch, the live processor is paused on this instance (its
 *       segments released), the copy reads on to the head as it is now: that token, T, is where both are compared.
 *       The live tables are brought to T too: each segment's events after its own token and up to T are handled by
 *       the processor's own handler invoker (dead-letter queue included), as the processor itself would have.
 *   <li>Both copies then stand at T, and nothing writes them. Each table is compared by checksum (rows hashed over
 *       the compared columns; a projection may leave out columns a rebuild legitimately fills otherwise).
 *   <li><b>SWITCHED</b> if every table is equal: in one transaction the live tables are swapped for the copies, every
 *       segment's token is set to T and {@link ProjectionRebuildSwitched} is recorded. Readers see the old tables or
 *       the new ones, never a half-built copy. <b>DIFFERENT</b> otherwise: nothing switches; the differing rows (their
 *       keys and columns, up to a limit) are kept with the rebuild and in {@link ProjectionRebuildRefused}, and the
 *       tokens are set to T (the live tables were brought there). Then the processor runs again.
 * </ol>
 *
 * <p>One rebuild of a projection at a time (409), across instances (a unique index). The pause stops the processor on
 * this instance only: with several instances, a segment claimed by another one fails the rebuild before it compares
 * (run it where the processor runs, or stop it elsewhere). A rebuild whose instance dies is taken for INTERRUPTED once
 * its heartbeat is older than {@code aima.projections.rebuild.stale-after}; its copy is dropped by the next rebuild.
 */
public class ProjectionRebuilds implements SmartLifecycle {

    static final String STREAM_TYPE = "ProjectionRebuild";
    static final String COPY_SCHEMA = "aima_rebuild_";
    static final String RETIRED_SCHEMA = "aima_retired_";

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final String SELF = ManagementFactory.getRuntimeMXBean().getName();

    private final RebuildableProjections projections;
    private final ProjectionRebuildStore store;
    private final BlueGreenTables tables;
    private final ProjectionPositions positions;
    private final EventStorageEngine events;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final OperatorActionLog actions;
    private final ProjectionsProperties.Rebuild settings;
    private final Clock clock;
    private final Map<UUID, Run> runs = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private ExecutorService runners;
    private ScheduledExecutorService heartbeats;

    public ProjectionRebuilds(
            RebuildableProjections projections,
            ProjectionRebuildStore store,
            BlueGreenTables tables,
            ProjectionPositions positions,
            EventStorageEngine events,
            EventProcessingConfiguration processing,
            TokenStore tokenStore,
            TransactionTemplate transaction,
            JdbcClient jdbc,
            OperatorActionLog actions,
            ProjectionsProperties.Rebuild settings,
            Clock clock) {
        this.projections = projections;
        this.store = store;
        this.tables = tables;
        this.positions = positions;
        this.events = events;
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.actions = actions;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts a rebuild of the projection; it runs on its own thread. 404 for no such projection, 409 if refused. */
    public ProjectionRebuild start(String name, String reason, ActingContext operator) {
        if (stopping || runners == null) {
            throw new IllegalStateException("the service is not running");
        }
        RebuildableProjection projection = projections
                .find(name)
                .orElseThrow(() -> projections.isStreamingProcessor(name)
                        ? new OperationRefused(
                                "PROJECTION_NOT_REBUILDABLE",
                                name + " keeps no table the platform knows of (a ReadModelTable or @ProjectionTables)"
                                        + "; there is nothing to rebuild.")
                        : new ResponseStatusException(
                                HttpStatus.NOT_FOUND, "No projection " + name + " in this service."));
        String live = tables.liveSchema();
        List<String> obstacles = tables.obstacles(live, projection.tableNames());
        if (!obstacles.isEmpty()) {
            throw new OperationRefused("PROJECTION_NOT_REBUILDABLE", String.join("; ", obstacles) + ".");
        }
        if (positions.storedTokens(name).isEmpty()) {
            throw new OperationRefused(
                    "PROJECTION_NOT_STARTED",
                    name + " has no token yet: it has never run, so there is no position to switch it to.");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        try {
            transaction.executeWithoutResult(status -> {
                store.interruptStale(name, now.minus(settings.staleAfter()), now);
                store.insert(id, name, operator.actor().subject(), reason, now);
                actions.record(
                        STREAM_TYPE,
                        streamId(id),
                        new ProjectionRebuildStarted(name, id.toString(), projection.tableNames(), reason),
                        operator);
            });
        } catch (DuplicateKeyException e) {
            throw new OperationRefused(
                    "PROJECTION_REBUILD_RUNNING",
                    "Rebuild " + store.running(name).map(UUID::toString).orElse("?") + " of " + name
                            + " is running; one rebuild of a projection at a time.");
        }
        Run run = new Run(id, projection, live, operator);
        runs.put(id, run);
        runners.execute(() -> run(run));
        return find(name, id);
    }

    public ProjectionRebuild find(String name, UUID id) {
        return store.find(name, id, positions.head())
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "No rebuild " + id + " of projection " + name + "."));
    }

    public List<ProjectionRebuild> all(String name) {
        if (!projections.isStreamingProcessor(name)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No projection " + name + " in this service.");
        }
        return store.all(name, positions.head(), 50);
    }

    /** The projections of this service that can be rebuilt. */
    public List<RebuildableProjection> rebuildable() {
        return projections.all();
    }

    static String streamId(UUID id) {
        return "projection-rebuild:" + id;
    }

    private static final class Run {
        final UUID id;
        final RebuildableProjection projection;
        final String live;
        final String green;
        final String retired;
        final ActingContext operator;
        volatile boolean caughtUp;

        Run(UUID id, RebuildableProjection projection, String live, ActingContext operator) {
            this.id = id;
            this.projection = projection;
            this.live = live;
            this.green = BlueGreenTables.schemaFor(COPY_SCHEMA, projection.name());
            this.retired = BlueGreenTables.schemaFor(RETIRED_SCHEMA, projection.name());
            this.operator = operator;
        }

        String name() {
            return projection.name();
        }
    }

    /** Stops a run: the service is stopping. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("the service stopped before the rebuild finished", null, false, false);
        }
    }

    private void run(Run run) {
        try {
            log.info("Rebuilding projection {} into schema {} (rebuild {})", run.name(), run.green, run.id);
            transaction.executeWithoutResult(
                    status -> tables.createCopy(run.live, run.green, run.projection.tableNames()));
            TrackingToken copied = replay(run, null);
            run.caughtUp = true;
            store.caughtUp(run.id, clock.instant());
            switchOver(run, copied);
        } catch (Interrupted e) {
            ended(run, ProjectionRebuild.INTERRUPTED, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Rebuild {} of projection {} failed", run.id, run.name(), e);
            ended(run, ProjectionRebuild.FAILED, describe(e));
        } finally {
            runs.remove(run.id);
            dropQuietly(run.retired);
            dropQuietly(run.green);
        }
    }

    /**
     * Replays the events after {@code from} into the copy until a read returns less than a batch (the copy has reached
     * the head as it was then); answers the copy's token.
     */
    private TrackingToken replay(Run run, TrackingToken from) {
        TrackingToken token = from;
        while (true) {
            if (stopping && !run.caughtUp) {
                throw new Interrupted();
            }
            List<TrackedEventMessage<?>> batch = read(token, settings.batchSize());
            if (!batch.isEmpty()) {
                TrackingToken last = batch.getLast().trackingToken();
                transaction.executeWithoutResult(status -> {
                    // The projection's unqualified table names are now the copy's, and only the copy's.
                    jdbc.sql("set local search_path = " + run.green).update();
                    for (TrackedEventMessage<?> event : batch) {
                        handle(run.projection.handlers(), event);
                    }
                });
                // After the batch, on its own: a row the batch's transaction held would make a second start (409)
                // wait for the batch.
                store.progress(run.id, position(last), positions.head(), batch.size(), clock.instant());
                token = last;
            }
            if (batch.size() < settings.batchSize()) {
                return token;
            }
        }
    }

    private void switchOver(Run run, TrackingToken copied) {
        StreamingEventProcessor processor = processing
                .eventProcessor(run.name(), StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor " + run.name()));
        EventHandlerInvoker invoker = ((AbstractEventProcessor) processor).eventHandlerInvoker();
        boolean wasRunning = processor.isRunning();
        if (wasRunning) {
            processor.shutDown();
        }
        try {
            List<StoredToken> live = positions.storedTokens(run.name());
            for (StoredToken segment : live) {
                if (segment.owner() != null && !segment.owner().equals(SELF)) {
                    throw new IllegalStateException("segment " + segment.segment() + " of " + run.name()
                            + " is claimed by " + segment.owner() + ": run the rebuild on the instance that runs the "
                            + "processor, or stop the processor on the others");
                }
            }
            TrackingToken target = replay(run, copied);
            int[] segmentIds = live.stream().mapToInt(StoredToken::segment).toArray();
            for (StoredToken segment : live) {
                bringLiveTo(run, invoker, segment, Segment.computeSegment(segment.segment(), segmentIds), target);
            }
            compareAndDecide(run, target, segmentIds);
        } finally {
            if (wasRunning && !stopping) {
                processor.start();
            }
        }
    }

    /** Has the processor's own invoker handle the segment's events after its token and up to {@code target}. */
    private void bringLiveTo(
            Run run, EventHandlerInvoker invoker, StoredToken stored, Segment segment, TrackingToken target) {
        if (target == null) {
            return;
        }
        long targetIndex = target.position().orElse(0);
        TrackingToken from = stored.token() == null ? null : WrappedToken.unwrapLowerBound(stored.token());
        List<TrackedEventMessage<?>> pending = new ArrayList<>();
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(from, false)) {
            Iterator<? extends TrackedEventMessage<?>> all = stream.iterator();
            while (all.hasNext()) {
                TrackedEventMessage<?> event = all.next();
                OptionalLong index = event.trackingToken().position();
                if (index.isPresent() && index.getAsLong() > targetIndex) {
                    break;
                }
                if (!covers(target, event.trackingToken())) {
                    continue;
                }
                pending.add(event);
                if (pending.size() == settings.batchSize()) {
                    applyLive(run, invoker, segment, pending);
                    pending = new ArrayList<>();
                }
            }
        }
        applyLive(run, invoker, segment, pending);
    }

    private void applyLive(Run run, EventHandlerInvoker invoker, Segment segment, List<TrackedEventMessage<?>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            for (TrackedEventMessage<?> event : batch) {
                if (invoker.canHandle(event, segment)) {
                    inUnitOfWork(event, () -> invoker.handle(event, segment));
                }
            }
        });
    }

    private void compareAndDecide(Run run, TrackingToken target, int[] segmentIds) {
        List<TableChecksum> checksums = new ArrayList<>();
        List<Difference> differences = new ArrayList<>();
        long differing = 0;
        long rows = 0;
        for (RebuildableProjection.Table table : run.projection.tables()) {
            List<String> compared = tables.columns(run.live, table.name()).stream()
                    .filter(column -> !run.projection.notCompared().contains(column))
                    .toList();
            TableChecksum checksum = tables.checksum(run.live, run.green, table.name(), compared);
            checksums.add(checksum);
            rows += checksum.liveRows();
            if (!checksum.equal()) {
                int room = Math.max(1, settings.reportedDifferences() - differences.size());
                BlueGreenTables.TableDifferences found =
                        tables.differences(run.live, run.green, table.name(), compared, table.ownerKey(), room);
                differing += found.count();
                found.first().stream()
                        .limit(Math.max(0, settings.reportedDifferences() - differences.size()))
                        .forEach(differences::add);
            }
        }
        String liveChecksum = combined(checksums, true);
        String rebuiltChecksum = combined(checksums, false);
        boolean equal = checksums.stream().allMatch(TableChecksum::equal);
        long globalIndex = target == null ? 0 : target.position().orElse(0);
        long allRows = rows;
        long allDiffering = differing;
        Instant at = clock.instant();
        transaction.executeWithoutResult(status -> {
            if (equal) {
                tables.swap(
                        run.live,
                        run.green,
                        run.retired,
                        run.projection.tableNames(),
                        settings.lockTimeout().toMillis());
            }
            moveTokens(run.name(), segmentIds, target);
            store.compared(
                    run.id,
                    equal ? ProjectionRebuild.SWITCHED : ProjectionRebuild.DIFFERENT,
                    liveChecksum,
                    rebuiltChecksum,
                    checksums,
                    allDiffering,
                    differences,
                    at);
            Object outcome = equal
                    ? new ProjectionRebuildSwitched(run.name(), run.id.toString(), globalIndex, liveChecksum, allRows)
                    : new ProjectionRebuildRefused(
                            run.name(),
                            run.id.toString(),
                            globalIndex,
                            liveChecksum,
                            rebuiltChecksum,
                            allDiffering,
                            differences.stream()
                                    .map(difference -> difference.table() + " " + difference.kind() + " "
                                            + difference.key()
                                            + (difference.columns().isEmpty() ? "" : " " + difference.columns()))
                                    .toList());
            actions.record(STREAM_TYPE, streamId(run.id), outcome, run.operator);
        });
        if (equal) {
            log.info(
                    "Projection {} switched to its rebuilt tables at global index {} (checksum {}, {} rows)",
                    run.name(),
                    globalIndex,
                    liveChecksum,
                    allRows);
        } else {
            log.warn(
                    "Projection {} NOT switched: its rebuilt tables differ from the live ones at global index {} in {} "
                            + "rows, first {}",
                    run.name(),
                    globalIndex,
                    allDiffering,
                    differences);
        }
    }

    /** Every segment of the processor continues from {@code target}; fails if another instance holds a claim. */
    private void moveTokens(String processor, int[] segmentIds, TrackingToken target) {
        if (target == null) {
            return;
        }
        for (int segment : segmentIds) {
            tokenStore.fetchToken(processor, segment);
            tokenStore.storeToken(target, processor, segment);
            tokenStore.releaseClaim(processor, segment);
        }
    }

    private void ended(Run run, String state, String failure) {
        try {
            transaction.executeWithoutResult(status -> {
                if (store.ended(run.id, state, failure, clock.instant())) {
                    actions.record(
                            STREAM_TYPE,
                            streamId(run.id),
                            new ProjectionRebuildFailed(run.name(), run.id.toString(), state, failure),
                            run.operator);
                }
            });
        } catch (RuntimeException e) {
            log.error("Could not record the end of rebuild {} of {}: {}", run.id, run.name(), e.toString());
        }
    }

    private List<TrackedEventMessage<?>> read(TrackingToken after, int count) {
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(after, false)) {
            List<TrackedEventMessage<?>> batch = new ArrayList<>(count);
            Iterator<? extends TrackedEventMessage<?>> all = stream.iterator();
            while (batch.size() < count && all.hasNext()) {
                batch.add(all.next());
            }
            return batch;
        }
    }

    private static void handle(List<EventMessageHandler> handlers, TrackedEventMessage<?> event) {
        inUnitOfWork(event, () -> {
            for (EventMessageHandler handler : handlers) {
                if (handler.canHandle(event)) {
                    handler.handle(event);
                }
            }
        });
    }

    @FunctionalInterface
    private interface Handling {
        void run() throws Exception;
    }

    private static void inUnitOfWork(TrackedEventMessage<?> event, Handling handling) {
        ResultMessage<?> result = DefaultUnitOfWork.startAndGet(event).executeWithResult(() -> {
            handling.run();
            return null;
        });
        if (result.isExceptional()) {
            Throwable cause = result.exceptionResult();
            throw new IllegalStateException(
                    "handling " + event.getPayloadType().getSimpleName() + " " + event.getIdentifier()
                            + " at global index " + position(event.trackingToken()) + " failed: " + cause,
                    cause);
        }
    }

    /** Whether {@code target} has read the event at {@code event}'s position. */
    private static boolean covers(TrackingToken target, TrackingToken event) {
        if (target instanceof GapAwareTrackingToken gapAware && event.position().isPresent()) {
            long index = event.position().getAsLong();
            return index <= gapAware.getIndex() && !gapAware.getGaps().contains(index);
        }
        return target.covers(event);
    }

    private static Long position(TrackingToken token) {
        OptionalLong position = token == null ? OptionalLong.empty() : token.position();
        return position.isPresent() ? position.getAsLong() : null;
    }

    /** The md5 over every table's name, rows and checksum, live or rebuilt. */
    private static String combined(List<TableChecksum> checksums, boolean live) {
        StringBuilder text = new StringBuilder();
        for (TableChecksum table : checksums) {
            text.append(table.table())
                    .append(':')
                    .append(live ? table.liveRows() : table.rebuiltRows())
                    .append(':')
                    .append(live ? table.liveChecksum() : table.rebuiltChecksum())
                    .append(';');
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5")
                            .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e) {
            text.append(" (")
                    .append(root.getClass().getSimpleName())
                    .append(": ")
                    .append(root.getMessage())
                    .append(')');
        }
        return text.toString();
    }

    private void dropQuietly(String schema) {
        try {
            tables.drop(schema);
        } catch (RuntimeException e) {
            log.warn(
                    "Could not drop schema {}: {} (the next rebuild of the projection drops it)", schema, e.toString());
        }
    }

    @Override
    public synchronized void start() {
        stopping = false;
        runners = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "projection-rebuild");
            thread.setDaemon(true);
            return thread;
        });
        heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-rebuild-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1000, settings.staleAfter().toMillis() / 4);
        heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** Tells other instances the running rebuilds are alive, while a long comparison or replay batch runs. */
    private void beat() {
        for (UUID id : runs.keySet()) {
            try {
                store.heartbeat(id, clock.instant());
            } catch (RuntimeException e) {
                log.debug("heartbeat of rebuild {} failed: {}", id, e.toString());
            }
        }
    }

    @Override
    public synchronized void stop() {
        stopping = true;
        if (heartbeats != null) {
            heartbeats.shutdownNow();
            heartbeats = null;
        }
        if (runners != null) {
            runners.shutdown();
            try {
                if (!runners.awaitTermination(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("Rebuilds still running at shutdown: {}", runs.keySet());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            runners = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return runners != null;
    }

    /** Starts after Axon's processors, stops before them (a paused processor is started again first). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
