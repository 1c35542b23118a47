package pt.aima.scheduling.projection.appointment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.kernel.ids.CaseId;
import pt.aima.scheduling.appointment.AppointmentEvent.ApplicationRecorded;
import pt.aima.scheduling.appointment.AppointmentEvent.AppointmentMissed;
import pt.aima.scheduling.appointment.AppointmentEvent.AppointmentReleased;
import pt.aima.scheduling.appointment.AppointmentEvent.AppointmentRescheduled;
import pt.aima.scheduling.appointment.AppointmentEvent.BiometricSlotBooked;
import pt.aima.scheduling.appointment.AppointmentEvent.BiometricsRecorded;
import pt.aima.scheduling.appointment.AppointmentEvent.CaseQueued;
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

    private final JdbcClient jdbc;

    AppointmentProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ApplicationRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("applicant_id", event.applicantId());
        columns.put("submitted_on", event.submittedOn());
        columns.put("household_size", event.householdSize());
        upsert(event.caseId(), sequence, at, columns);
    }

    @EventHandler
    void on(BiometricSlotBooked event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("desk_id", event.deskId());
        columns.put("starts_at", event.startsAt());
        columns.put("duration_minutes", event.durationMinutes());
        upsert(event.caseId(), sequence, at, columns);
    }

    @EventHandler
    void on(CaseQueued event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("queued", true);
        upsert(event.caseId(), sequence, at, columns);
    }

    @EventHandler
    void on(AppointmentRescheduled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("desk_id", event.deskId());
        columns.put("starts_at", event.startsAt());
        columns.put("duration_minutes", event.durationMinutes());
        columns.put("last_change_reason_code", event.reasonCode());
        columns.put("last_change_reason", event.reason());
        upsert(event.caseId(), sequence, at, columns);
    }

    @EventHandler
    void on(AppointmentReleased event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("desk_id", null);
        columns.put("starts_at", null);
        columns.put("duration_minutes", null);
        columns.put("last_change_reason_code", event.reasonCode());
        columns.put("last_change_reason", event.reason());
        upsert(event.caseId(), sequence, at, columns);
    }

    @EventHandler
    void on(AppointmentMissed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("flagged", event.flaggedToCaseworker());
        if (event.flaggedToCaseworker()) {
            columns.put("desk_id", null);
            columns.put("starts_at", null);
            columns.put("duration_minutes", null);
        }
        upsert(event.caseId(), sequence, at, columns);
    }

    @EventHandler
    void on(CourtOrderRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("court_reference", event.reference());
        columns.put("court_deadline", event.deadline());
        upsert(event.caseId(), sequence, at, columns);
    }

    @EventHandler
    void on(BiometricsRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("biometrics_collected_at", utc(at));
        upsert(event.caseId(), sequence, at, columns);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate appointment").update();
    }

    /** Column names are this class's constants, never input. */
    private void upsert(CaseId caseId, long sequence, Instant at, Map<String, Object> columns) {
        String names = String.join(", ", columns.keySet());
        String values = columns.keySet().stream().map(name -> ":" + name).collect(Collectors.joining(", "));
        String updates = columns.keySet().stream()
                .map(name -> name + " = excluded." + name)
                .collect(Collectors.joining(", "));
        var statement = jdbc.sql("insert into appointment (case_id, updated_at, last_sequence, " + names + ")"
                        + " values (:caseId, :at, :sequence, " + values + ")"
                        + " on conflict (case_id) do update set " + updates
                        + ", updated_at = excluded.updated_at, last_sequence = excluded.last_sequence"
                        + " where appointment.last_sequence < excluded.last_sequence")
                .param("caseId", caseId.value())
                .param("at", utc(at))
                .param("sequence", sequence);
        for (Map.Entry<String, Object> column : columns.entrySet()) {
            statement = statement.param(column.getKey(), column.getValue());
        }
        statement.update();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
