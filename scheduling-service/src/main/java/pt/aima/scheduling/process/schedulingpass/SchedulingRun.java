package pt.aima.scheduling.process.schedulingpass;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.acting.ActingContext;
import pt.aima.platform.observability.CaseTracing;
import pt.aima.scheduling.appointment.AppointmentCommand.BookSlot;
import pt.aima.scheduling.appointment.AppointmentCommand.ReportDeadlineAtRisk;
import pt.aima.scheduling.projection.queue.ScheduleSnapshot;
import pt.aima.scheduling.projection.queue.ScheduleSnapshot.CaseContext;
import pt.aima.scheduling.schedule.Booking;
import pt.aima.scheduling.schedule.Schedule;
import pt.aima.scheduling.schedule.Schedule.Assignment;
import pt.aima.scheduling.schedule.Schedule.AtRisk;
import pt.aima.scheduling.schedule.Schedule.Plan;

/**
 * One pass of the scheduler: reads the calendars, the bookings and the queue, lets {@link Schedule} decide, and
 * records each decision as the case's event. Instances take turns through a PostgreSQL advisory lock held by the pass
 * on a connection of its own, so a pass always sees every slot the previous one took; the primary key of {@code
 * desk_slot} is the last guard (a booking that would take a slot twice fails, and its case waits for the next pass).
 *
 * <p>The plan is recorded in transactions of at most {@code record-chunk} decisions, in the plan's order. One
 * transaction for a whole pass would hold the global indexes of its first events uncommitted for as long as the pass
 * takes to record (a backlog's first pass books hundreds of thousands of cases): past Axon's gap timeout, the relay
 * and the projections give those indexes up and the events are never published. A pass stopped between two chunks
 * leaves the cases not yet recorded waiting, and the next pass places them after the ones that were.
 *
 * <p>Each decision is recorded in a span continuing the trace of the flow that queued its case (not in a trace of the
 * pass's own), so a case's appointment is in the same trace as the request that registered it.
 *
 * <p>A chunk that fails (one case's command refused, a slot taken meanwhile) rolls back as a whole and is recorded
 * again case by case, each in its own transaction: the case that fails is logged and waits for the next pass, and the
 * cases after it are booked now. One failing case never holds up the queue behind it. A decision that depended on a
 * skipped one (a case planned into the slot a skipped move was to free) fails on the slot's key and waits too.
 */
public class SchedulingRun {

    private static final Logger log = LoggerFactory.getLogger(SchedulingRun.class);

    /** The advisory lock every instance's scheduler takes (and a rebuild of the tables it plans with). */
    static final long LOCK = ScheduleSnapshot.SCHEDULER_LOCK;

    /**
     * How a pass plans and records.
     *
     * @param firstBookableAfterDays appointments are booked from this many days after today
     * @param horizonDays how far ahead the scheduler looks for room
     * @param recordChunk decisions recorded per transaction
     */
    public record Settings(int firstBookableAfterDays, int horizonDays, int recordChunk) {

        public Settings {
            if (recordChunk < 1) {
                throw new IllegalArgumentException("recordChunk must be at least 1, not " + recordChunk);
            }
        }
    }

    private final TransactionTemplate transaction;
    /** The pass reads what it plans from in one read-only transaction; it writes in its own chunks. */
    private final TransactionTemplate reading;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ScheduleSnapshot snapshot;
    private final ActingCommandGateway commands;
    private final Clock clock;
    private final Settings settings;
    private final String serviceName;
    private final CaseTracing tracing;

    public SchedulingRun(
            TransactionTemplate transaction,
            DataSource dataSource,
            JdbcClient jdbc,
            ScheduleSnapshot snapshot,
            ActingCommandGateway commands,
            Clock clock,
            Settings settings,
            String serviceName,
            CaseTracing tracing) {
        this.transaction = transaction;
        this.reading = new TransactionTemplate(transaction.getTransactionManager());
        this.reading.setReadOnly(true);
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.snapshot = snapshot;
        this.commands = commands;
        this.clock = clock;
        this.settings = settings;
        this.serviceName = serviceName;
        this.tracing = tracing;
    }

    /**
     * The desks' calendars (and the day) this instance last planned with: while they and the queue are unchanged, a
     * pass has nothing to do and skips reading every booking.
     */
    private volatile String lastCalendars = "";

    private String calendarsVersion(LocalDate today) {
        return today + "/"
                + jdbc.sql("select coalesce(max(id), 0) from desk_capacity")
                        .query(Long.class)
                        .single()
                + "/"
                + jdbc.sql("select coalesce(max(id), 0) from desk_closure")
                        .query(Long.class)
                        .single();
    }

    private boolean anyoneWaiting() {
        return jdbc.sql("select exists (select 1 from queue_entry where state = 'WAITING')")
                .query(Boolean.class)
                .single();
    }

    /**
     * What a pass did.
     *
     * @param skipped decisions not recorded because their command failed; those cases wait for the next pass
     */
    public record Outcome(int booked, int moved, int atRisk, int unplaced, int skipped) {}

    private enum Kind {
        BOOKING,
        AT_RISK
    }

    /** One decision of the plan: a command for one case. */
    private record Decision(CaseId caseId, Kind kind, Runnable send) {}

    public Outcome run() {
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(true);
            advisory(lock, "select pg_advisory_lock(?)");
            try {
                return pass();
            } finally {
                advisory(lock, "select pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the scheduler's lock could not be taken or given back", e);
        }
    }

    private static void advisory(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, LOCK);
            statement.executeQuery().close();
        }
    }

    private Outcome pass() {
        LocalDate today = LocalDate.now(clock);
        String calendars = calendarsVersion(today);
        if (calendars.equals(lastCalendars) && !anyoneWaiting()) {
            return new Outcome(0, 0, 0, 0, 0);
        }
        Plan plan = reading.execute(status -> {
            Schedule schedule = snapshot.schedule(today);
            return schedule.plan(
                    today,
                    today.plusDays(settings.firstBookableAfterDays()),
                    today.plusDays(settings.horizonDays()),
                    snapshot.waiting());
        });
        List<Decision> skipped = record(plan);
        lastCalendars = calendars;
        List<Assignment> recorded = plan.assignments().stream()
                .filter(a -> skipped.stream()
                        .noneMatch(d -> d.kind() == Kind.BOOKING && d.caseId().equals(a.caseId())))
                .toList();
        int moved = (int) recorded.stream().filter(a -> a.displaced() != null).count();
        int atRisk =
                (int) skipped.stream().filter(d -> d.kind() == Kind.AT_RISK).count();
        return new Outcome(
                recorded.size() - moved,
                moved,
                plan.atRisk().size() - atRisk,
                plan.unplaced().size(),
                skipped.size());
    }

    /** The scheduled pass: a failure is logged and the next pass tries again from what is stored. */
    public void runQuietly() {
        try {
            Outcome outcome = run();
            if (outcome.booked() + outcome.moved() + outcome.atRisk() + outcome.skipped() > 0) {
                log.info("Scheduling pass: {}", outcome);
            }
        } catch (RuntimeException e) {
            log.warn("Scheduling pass failed; the next pass retries", e);
        }
    }

    /** @return the decisions not recorded */
    private List<Decision> record(Plan plan) {
        Set<CaseId> cases = new HashSet<>();
        plan.assignments().forEach(assignment -> cases.add(assignment.caseId()));
        plan.atRisk().forEach(risk -> cases.add(risk.caseId()));
        Map<CaseId, CaseContext> contexts = cases.isEmpty()
                ? Map.of()
                : snapshot.contexts(cases).stream().collect(Collectors.toMap(CaseContext::caseId, Function.identity()));
        String pass = "scheduling-pass-" + UUID.randomUUID();
        List<Decision> decisions = new ArrayList<>();
        for (Assignment assignment : plan.assignments()) {
            Booking booking = assignment.booking();
            decisions.add(new Decision(
                    assignment.caseId(),
                    Kind.BOOKING,
                    traced(
                            assignment.caseId(),
                            contexts.get(assignment.caseId()),
                            pass,
                            "BookSlot",
                            () -> commands.send(
                                    new BookSlot(
                                            assignment.caseId(),
                                            booking.deskId(),
                                            booking.day(),
                                            booking.firstIndex(),
                                            booking.slots(),
                                            booking.startsAt(),
                                            assignment.durationMinutes(),
                                            assignment.displaced() == null
                                                    ? null
                                                    : assignment.displaced().reasonCode(),
                                            assignment.displaced() == null
                                                    ? null
                                                    : assignment.displaced().reason()),
                                    context(contexts.get(assignment.caseId()), pass)))));
        }
        for (AtRisk risk : plan.atRisk()) {
            decisions.add(new Decision(
                    risk.caseId(),
                    Kind.AT_RISK,
                    traced(
                            risk.caseId(),
                            contexts.get(risk.caseId()),
                            pass,
                            "ReportDeadlineAtRisk",
                            () -> commands.send(
                                    new ReportDeadlineAtRisk(
                                            risk.caseId(),
                                            risk.earliestPossibleOn(),
                                            risk.hadAppointment()
                                                    ? "APPOINTMENT_MOVED_PAST_DEADLINE"
                                                    : "NO_CAPACITY_BEFORE_DEADLINE"),
                                    context(contexts.get(risk.caseId()), pass)))));
        }
        List<Decision> skipped = new ArrayList<>();
        int chunk = settings.recordChunk();
        for (int from = 0; from < decisions.size(); from += chunk) {
            skipped.addAll(record(decisions.subList(from, Math.min(from + chunk, decisions.size()))));
        }
        return skipped;
    }

    /**
     * A chunk in one transaction; when it fails, its decisions one by one, skipping the ones that fail.
     *
     * @return the decisions not recorded
     */
    private List<Decision> record(List<Decision> chunk) {
        try {
            transaction.executeWithoutResult(
                    status -> chunk.forEach(decision -> decision.send().run()));
            return List.of();
        } catch (RuntimeException e) {
            if (chunk.size() == 1) {
                skip(chunk.getFirst(), e);
                return chunk;
            }
            log.info("A chunk of {} decisions failed ({}); recording them one by one", chunk.size(), e.toString());
        }
        List<Decision> skipped = new ArrayList<>();
        for (Decision decision : chunk) {
            try {
                transaction.executeWithoutResult(status -> decision.send().run());
            } catch (RuntimeException e) {
                skip(decision, e);
                skipped.add(decision);
            }
        }
        return skipped;
    }

    private static void skip(Decision decision, RuntimeException e) {
        log.warn("Case {} not recorded in this pass; it waits for the next one", decision.caseId(), e);
    }

    /**
     * A decision recorded in a span that continues the trace of the flow that queued the case (stored with its queue
     * entry), named with the case and the flow, so the events it causes, and the records the relay publishes, belong to
     * the case's trace. A case queued without a stored trace is recorded in a trace of its own, named the same way.
     */
    private Runnable traced(CaseId caseId, CaseContext queuedBy, String pass, String command, Runnable send) {
        return () -> {
            Map<String, String> trace = queuedBy == null ? Map.of() : queuedBy.traceContext();
            String correlationId =
                    queuedBy == null || queuedBy.correlationId() == null ? pass : queuedBy.correlationId();
            try (CaseTracing.Scope traced = tracing.continueTrace(trace, "scheduling-pass " + command);
                    CaseTracing.Scope named = tracing.nameCase(caseId.toString(), correlationId)) {
                send.run();
            }
        };
    }

    /** The scheduler acts on its own behalf, in the flow that queued the case when it is known. */
    private ActingContext context(CaseContext queuedBy, String pass) {
        Actor actor = Actor.system(serviceName);
        if (queuedBy == null || queuedBy.correlationId() == null) {
            return new ActingContext(actor, pass, pass);
        }
        return new ActingContext(actor, queuedBy.correlationId(), queuedBy.causationId());
    }
}
