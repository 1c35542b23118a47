package pt.aima.scheduling.projection.appointment;

import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.projection.Columns;
import pt.aima.platform.projection.ReadModelTable;
import pt.aima.scheduling.appointment.AppointmentEvent.ApplicationRecorded;
import pt.aima.scheduling.appointment.AppointmentEvent.AppointmentMissed;
import pt.aima.scheduling.appointment.AppointmentEvent.AppointmentReleased;
import pt.aima.scheduling.appointment.AppointmentEvent.AppointmentRescheduled;
import pt.aima.scheduling.appointment.AppointmentEvent.BiometricSlotBooked;
import pt.aima.scheduling.appointment.AppointmentEvent.BiometricsRecorded;
import pt.aima.scheduling.appointment.AppointmentEvent.CaseQueued;
import pt.aima.scheduling.appointment.AppointmentEvent.CaseRegionRecorded;
import pt.aima.scheduling.appointment.AppointmentEvent.CourtOrderRecorded;

/**
 * Each case's appointment, built only from this service's own events. Either the registration or the booking may
 * start a case's row (they come from different topics), so every update is an upsert, guarded by the event's sequence
 * number: a redelivered or replayed event changes nothing.
 */
@Component
@ProcessingGroup(AppointmentProjection.PROCESSING_GROUP)
class AppointmentProjection {

    static final String PROCESSING_GROUP = "appointments";

    /** The tables this projection writes for a case (a replay as of an instant copies them). */
    static final List<String> TABLES = List.of("appointment");

    private final ReadModelTable appointments;

    AppointmentProjection(JdbcClient jdbc) {
        this.appointments = ReadModelTable.of(jdbc, "appointment");
    }

    @EventHandler
    void on(ApplicationRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        upsert(
                event.caseId(),
                sequence,
                at,
                Columns.set("applicant_id", event.applicantId())
                        .and("submitted_on", event.submittedOn())
                        .and("household_size", event.householdSize()));
    }

    @EventHandler
    void on(CaseRegionRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        upsert(
                event.caseId(),
                sequence,
                at,
                Columns.set("region", event.region().name()));
    }

    @EventHandler
    void on(BiometricSlotBooked event, @SequenceNumber long sequence, @Timestamp Instant at) {
        upsert(
                event.caseId(),
                sequence,
                at,
                Columns.set("desk_id", event.deskId())
                        .and("starts_at", event.startsAt())
                        .and("duration_minutes", event.durationMinutes()));
    }

    @EventHandler
    void on(CaseQueued event, @SequenceNumber long sequence, @Timestamp Instant at) {
        upsert(event.caseId(), sequence, at, Columns.set("queued", true));
    }

    @EventHandler
    void on(AppointmentRescheduled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        upsert(
                event.caseId(),
                sequence,
                at,
                Columns.set("desk_id", event.deskId())
                        .and("starts_at", event.startsAt())
                        .and("duration_minutes", event.durationMinutes())
                        .and("last_change_reason_code", event.reasonCode())
                        .and("last_change_reason", event.reason()));
    }

    @EventHandler
    void on(AppointmentReleased event, @SequenceNumber long sequence, @Timestamp Instant at) {
        upsert(
                event.caseId(),
                sequence,
                at,
                withoutSlot(Columns.set("last_change_reason_code", event.reasonCode())
                        .and("last_change_reason", event.reason())));
    }

    @EventHandler
    void on(AppointmentMissed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Columns flagged = Columns.set("flagged", event.flaggedToCaseworker());
        upsert(event.caseId(), sequence, at, event.flaggedToCaseworker() ? withoutSlot(flagged) : flagged);
    }

    @EventHandler
    void on(CourtOrderRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        upsert(
                event.caseId(),
                sequence,
                at,
                Columns.set("court_reference", event.reference()).and("court_deadline", event.deadline()));
    }

    @EventHandler
    void on(BiometricsRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        upsert(event.caseId(), sequence, at, Columns.set("biometrics_collected_at", ReadModelTable.utc(at)));
    }

    @ResetHandler
    void reset() {
        appointments.reset();
    }

    private static Columns withoutSlot(Columns columns) {
        return columns.and("desk_id", null).and("starts_at", null).and("duration_minutes", null);
    }

    private void upsert(CaseId caseId, long sequence, Instant at, Columns columns) {
        appointments.upsert(caseId.value(), sequence, at, columns);
    }
}
