package pt.aima.application.projection.casestatus;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.application.casefile.CaseEvent.ApplicationSubmitted;
import pt.aima.application.casefile.CaseEvent.BiometricSlotRecorded;
import pt.aima.application.casefile.CaseEvent.BiometricsCollectionRecorded;
import pt.aima.application.casefile.CaseEvent.ChecklistCompletionRecorded;
import pt.aima.application.casefile.CaseEvent.ChecklistOpenedRecorded;
import pt.aima.application.casefile.CaseEvent.DecisionMade;

/**
 * Where each case stands, for applicants, caseworkers and operations. Built only from this service's event store
 * (facts from other services are recorded there first), so a rebuild reproduces it exactly. Every update is guarded
 * by the event's sequence number: a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(CaseStatusProjection.PROCESSING_GROUP)
class CaseStatusProjection {

    static final String PROCESSING_GROUP = "case-status";

    private final JdbcClient jdbc;

    CaseStatusProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ApplicationSubmitted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.sql(
                        """
                insert into case_status (case_id, applicant_id, submitted_on, household_size, registered_at,
                                         updated_at, last_sequence)
                values (:caseId, :applicantId, :submittedOn, :householdSize, :at, :at, :sequence)
                on conflict (case_id) do nothing
                """)
                .param("caseId", event.caseId().value())
                .param("applicantId", event.applicantId())
                .param("submittedOn", event.submittedOn())
                .param("householdSize", event.members().size())
                .param("at", utc(at))
                .param("sequence", sequence)
                .update();
    }

    @EventHandler
    void on(ChecklistOpenedRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.caseId().value(), sequence, at, "required_documents = :n", "n", event.requiredDocuments());
    }

    @EventHandler
    void on(ChecklistCompletionRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.caseId().value(), sequence, at, "checklist_complete = true", null, null);
    }

    @EventHandler
    void on(BiometricSlotRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.sql(
                        """
                update case_status set biometric_desk = :desk, biometric_starts_at = :startsAt,
                       updated_at = :at, last_sequence = :sequence
                where case_id = :caseId and last_sequence < :sequence
                """)
                .param("desk", event.deskId())
                .param("startsAt", event.startsAt())
                .param("at", utc(at))
                .param("sequence", sequence)
                .param("caseId", event.caseId().value())
                .update();
    }

    @EventHandler
    void on(BiometricsCollectionRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.caseId().value(), sequence, at, "biometrics_collected = true", null, null);
    }

    @EventHandler
    void on(DecisionMade event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.sql(
                        """
                update case_status set decision = :outcome, decided_at = :at, updated_at = :at,
                       last_sequence = :sequence
                where case_id = :caseId and last_sequence < :sequence
                """)
                .param("outcome", event.outcome().name())
                .param("at", utc(at))
                .param("sequence", sequence)
                .param("caseId", event.caseId().value())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate case_status").update();
    }

    private void update(UUID caseId, long sequence, Instant at, String assignment, String name, Object value) {
        var statement = jdbc.sql("update case_status set " + assignment
                        + ", updated_at = :at, last_sequence = :sequence"
                        + " where case_id = :caseId and last_sequence < :sequence")
                .param("at", utc(at))
                .param("sequence", sequence)
                .param("caseId", caseId);
        if (name != null) {
            statement = statement.param(name, value);
        }
        statement.update();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
