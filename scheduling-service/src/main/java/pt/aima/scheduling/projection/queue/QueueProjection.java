package pt.aima.scheduling.projection.queue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.acting.ActingContext;
import pt.aima.platform.observability.CaseTracing;
import pt.aima.scheduling.appointment.AppointmentEvent.AppointmentMissed;
import pt.aima.scheduling.appointment.AppointmentEvent.AppointmentReleased;
import pt.aima.scheduling.appointment.AppointmentEvent.AppointmentRescheduled;
import pt.aima.scheduling.appointment.AppointmentEvent.BiometricSlotBooked;
import pt.aima.scheduling.appointment.AppointmentEvent.BiometricsRecorded;
import pt.aima.scheduling.appointment.AppointmentEvent.CaseQueued;
import pt.aima.scheduling.appointment.AppointmentEvent.CaseRegionRecorded;
import pt.aima.scheduling.appointment.AppointmentEvent.CourtOrderRecorded;
import pt.aima.scheduling.appointment.BookedSlots;

/**
 * The queue ({@code queue_entry}) and the desks' slots ({@code desk_slot}) the scheduler plans with, built only from
 * the appointments' events.
 *
 * <p>The processing group is <b>subscribing</b> (see {@code SchedulingConfiguration}): these rows are written in the
 * transaction that stores the event, and a failure propagates. So the desk_slot key stays the last guard against
 * double booking: a booking that would take a slot twice fails its command, which stores nothing. There is no token;
 * {@link SchedulerTablesRebuild} rebuilds the tables from the event store through this same handler.
 *
 * <p>A queue entry also remembers the flow that last queued the case (correlation and cause) and that flow's trace
 * context, so the appointment the scheduler books later carries the flow on, in the case's trace. Timestamps are the events' own, so a rebuild gives back the same rows.
 */
@Component
@ProcessingGroup(QueueProjection.PROCESSING_GROUP)
public class QueueProjection {

    public static final String PROCESSING_GROUP = "scheduling-queue";

    private final JdbcClient jdbc;

    QueueProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The case waits for its first appointment; a court order recorded before it joined keeps its deadline. */
    @EventHandler
    void on(CaseQueued event, MetaData metaData, @Timestamp Instant at) {
        freeSlots(event.caseId());
        ActingContext flow = flow(metaData);
        jdbc.sql(
                        """
                insert into queue_entry (case_id, state, submitted_on, registered_at, household_size, court_deadline,
                                         previous_starts_at, not_before, correlation_id, causation_id, traceparent,
                                         baggage, updated_at, queued_on)
                values (:caseId, 'WAITING', :submittedOn, :registeredAt, :size, null, null, null,
                        :correlation, :causation, :traceparent, :baggage, :at, :queuedOn)
                on conflict (case_id) do update set state = 'WAITING', submitted_on = excluded.submitted_on,
                    registered_at = excluded.registered_at, household_size = excluded.household_size,
                    previous_starts_at = null, not_before = null, correlation_id = excluded.correlation_id,
                    causation_id = excluded.causation_id, traceparent = excluded.traceparent,
                    baggage = excluded.baggage, updated_at = excluded.updated_at, queued_on = excluded.queued_on
                """)
                .param("caseId", event.caseId().value())
                .param("submittedOn", event.submittedOn())
                .param("registeredAt", utc(event.registeredAt() == null ? Instant.EPOCH : event.registeredAt()))
                .param("size", event.householdSize())
                .param("correlation", flow == null ? null : flow.correlationId())
                .param("causation", flow == null ? null : flow.causationId())
                .param("traceparent", trace(metaData, CaseTracing.TRACEPARENT))
                .param("baggage", trace(metaData, CaseTracing.BAGGAGE))
                .param("at", utc(at))
                .param("queuedOn", utc(at).toLocalDate())
                .update();
    }

    /**
     * The case's region, recorded with its registration, before it joins the queue: its row waits in state {@code
     * NOT_QUEUED} until then. A case without this event (recorded before regions) keeps the column's default, {@code
     * Region.BEFORE_REGIONS}.
     */
    @EventHandler
    void on(CaseRegionRecorded event, @Timestamp Instant at) {
        jdbc.sql(
                        """
                insert into queue_entry (case_id, state, region, updated_at)
                values (:caseId, 'NOT_QUEUED', :region, :at)
                on conflict (case_id) do update set region = excluded.region, updated_at = excluded.updated_at
                """)
                .param("caseId", event.caseId().value())
                .param("region", event.region().name())
                .param("at", utc(at))
                .update();
    }

    @EventHandler
    void on(BiometricSlotBooked event, MetaData metaData, @Timestamp Instant at) {
        book(event.caseId(), event.deskId(), event.startsAt(), event.durationMinutes(), metaData, at);
    }

    @EventHandler
    void on(AppointmentRescheduled event, MetaData metaData, @Timestamp Instant at) {
        book(event.caseId(), event.deskId(), event.startsAt(), event.durationMinutes(), metaData, at);
    }

    /** The case gave its appointment up and waits again, not before {@code notBefore}; its slots are free. */
    @EventHandler
    void on(AppointmentReleased event, MetaData metaData, @Timestamp Instant at) {
        freeSlots(event.caseId());
        ActingContext flow = flow(metaData);
        jdbc.sql(
                        """
                update queue_entry set state = 'WAITING', previous_starts_at = :previous, not_before = :notBefore,
                    correlation_id = :correlation, causation_id = :causation, traceparent = :traceparent,
                    baggage = :baggage, updated_at = :at
                where case_id = :caseId
                """)
                .param("caseId", event.caseId().value())
                .param("previous", event.startsAt())
                .param("notBefore", event.notBefore())
                .param("correlation", flow == null ? null : flow.correlationId())
                .param("causation", flow == null ? null : flow.causationId())
                .param("traceparent", trace(metaData, CaseTracing.TRACEPARENT))
                .param("baggage", trace(metaData, CaseTracing.BAGGAGE))
                .param("at", utc(at))
                .update();
    }

    /** A no-show without a new appointment goes to a caseworker: the case leaves the queue and its slots are free. */
    @EventHandler
    void on(AppointmentMissed event, @Timestamp Instant at) {
        if (!event.flaggedToCaseworker()) {
            return;
        }
        freeSlots(event.caseId());
        state(event.caseId(), "FLAGGED", at);
    }

    /** Seen: the case leaves the queue; its slots stay, as history. */
    @EventHandler
    void on(BiometricsRecorded event, @Timestamp Instant at) {
        state(event.caseId(), "SEEN", at);
    }

    /**
     * The court's deadline orders the case in the queue, and is kept for a case not queued yet ({@code NOT_QUEUED})
     * until it joins. A waiting case is now waited for in the court order's flow.
     */
    @EventHandler
    void on(CourtOrderRecorded event, MetaData metaData, @Timestamp Instant at) {
        ActingContext flow = flow(metaData);
        jdbc.sql(
                        """
                insert into queue_entry (case_id, state, court_deadline, correlation_id, causation_id, traceparent,
                                         baggage, updated_at)
                values (:caseId, 'NOT_QUEUED', :deadline, :correlation, :causation, :traceparent, :baggage, :at)
                on conflict (case_id) do update set court_deadline = excluded.court_deadline,
                    correlation_id = case when queue_entry.state = 'WAITING' then excluded.correlation_id
                                          else queue_entry.correlation_id end,
                    causation_id = case when queue_entry.state = 'WAITING' then excluded.causation_id
                                        else queue_entry.causation_id end,
                    traceparent = case when queue_entry.state = 'WAITING' then excluded.traceparent
                                       else queue_entry.traceparent end,
                    baggage = case when queue_entry.state = 'WAITING' then excluded.baggage
                                   else queue_entry.baggage end,
                    updated_at = excluded.updated_at
                """)
                .param("caseId", event.caseId().value())
                .param("deadline", event.deadline())
                .param("correlation", flow == null ? null : flow.correlationId())
                .param("causation", flow == null ? null : flow.causationId())
                .param("traceparent", trace(metaData, CaseTracing.TRACEPARENT))
                .param("baggage", trace(metaData, CaseTracing.BAGGAGE))
                .param("at", utc(at))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate queue_entry, desk_slot").update();
    }

    /**
     * The household's consecutive slots are taken; any slots the case held before are free again. The primary key of
     * {@code desk_slot} refuses a slot already taken: the exception fails the command that stored the booking.
     */
    private void book(
            CaseId caseId, String deskId, LocalDateTime startsAt, int durationMinutes, MetaData metaData, Instant at) {
        BookedSlots slots =
                BookedSlots.of(metaData).orElseGet(() -> derived(caseId, deskId, startsAt, durationMinutes));
        freeSlots(caseId);
        for (int member = 0; member < slots.slots(); member++) {
            jdbc.sql(
                            """
                    insert into desk_slot (desk_id, day, slot_index, case_id, member_index, starts_at,
                                           duration_minutes, booked_at)
                    values (:deskId, :day, :index, :caseId, :member, :startsAt, :minutes, :at)
                    """)
                    .param("deskId", deskId)
                    .param("day", slots.day())
                    .param("index", slots.firstIndex() + member)
                    .param("caseId", caseId.value())
                    .param("member", member)
                    .param("startsAt", startsAt.plusMinutes((long) member * slots.minutes()))
                    .param("minutes", slots.minutes())
                    .param("at", utc(at))
                    .update();
        }
        jdbc.sql(
                        """
                update queue_entry set state = 'BOOKED', previous_starts_at = null, not_before = null,
                    updated_at = :at where case_id = :caseId
                """)
                .param("caseId", caseId.value())
                .param("at", utc(at))
                .update();
    }

    /**
     * Bookings stored before the events carried their slots: one slot per member of the queued household, placed on
     * the desk's slot grid of that day as the calendar stands (the calendar that was in force when it was booked, when
     * the calendars are rebuilt in the same replay).
     */
    private BookedSlots derived(CaseId caseId, String deskId, LocalDateTime startsAt, int durationMinutes) {
        LocalDate day = startsAt.toLocalDate();
        int household = jdbc.sql("select household_size from queue_entry where case_id = :caseId")
                .param("caseId", caseId.value())
                .query(Integer.class)
                .optional()
                .filter(size -> size != null && size > 0)
                .orElse(1);
        int minutes = Math.max(1, durationMinutes / household);
        int firstIndex = jdbc.sql(
                        """
                select first_slot, slot_minutes from desk_capacity
                where desk_id = :deskId and effective_from <= :day and (effective_until is null or effective_until >= :day)
                order by id desc limit 1
                """)
                .param("deskId", deskId)
                .param("day", day)
                .query((rs, row) ->
                        (int) (Duration.between(rs.getObject("first_slot", LocalTime.class), startsAt.toLocalTime())
                                        .toMinutes()
                                / rs.getInt("slot_minutes")))
                .optional()
                .orElse(0);
        return new BookedSlots(day, firstIndex, household, minutes);
    }

    private void freeSlots(CaseId caseId) {
        jdbc.sql("delete from desk_slot where case_id = :caseId")
                .param("caseId", caseId.value())
                .update();
    }

    private void state(CaseId caseId, String state, Instant at) {
        jdbc.sql("update queue_entry set state = :state, updated_at = :at where case_id = :caseId")
                .param("state", state)
                .param("caseId", caseId.value())
                .param("at", utc(at))
                .update();
    }

    /** The flow the event was recorded in; null for events recorded without one. */
    private static ActingContext flow(MetaData metaData) {
        if (metaData.get(ActingContext.CORRELATION_ID) == null) {
            return null;
        }
        return ActingContext.from(metaData, "none");
    }

    /** A field of the W3C trace context the event was stored in; null for events stored without one. */
    private static String trace(MetaData metaData, String field) {
        Object value = metaData.get(field);
        return value == null ? null : value.toString();
    }

    /** To the millisecond, as the event store keeps an event's timestamp: a rebuild writes the same value. */
    private static OffsetDateTime utc(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    }
}
