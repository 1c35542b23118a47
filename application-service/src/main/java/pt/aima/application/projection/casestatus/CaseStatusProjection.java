package pt.aima.application.projection.casestatus;

import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.application.casefile.CaseEvent.ApplicantDataErased;
import pt.aima.application.casefile.CaseEvent.ApplicationSubmitted;
import pt.aima.application.casefile.CaseEvent.BiometricSlotRecorded;
import pt.aima.application.casefile.CaseEvent.BiometricsCollectionRecorded;
import pt.aima.application.casefile.CaseEvent.ChecklistCompletionRecorded;
import pt.aima.application.casefile.CaseEvent.ChecklistOpenedRecorded;
import pt.aima.application.casefile.CaseEvent.DeadlineExtended;
import pt.aima.application.casefile.CaseEvent.DecisionMade;
import pt.aima.platform.projection.Columns;
import pt.aima.platform.projection.ReadModelTable;

/**
 * Where each case stands, for applicants, caseworkers and operations. Built only from this service's event store
 * (facts from other services are recorded there first), so a rebuild reproduces it exactly. Every update is guarded
 * by the event's sequence number: a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(CaseStatusProjection.PROCESSING_GROUP)
class CaseStatusProjection {

    static final String PROCESSING_GROUP = "case-status";

    /** The tables this projection writes for a case (the read model's rows; a replay as of an instant copies them). */
    static final List<String> TABLES = List.of("case_status");

    private final ReadModelTable caseStatus;

    CaseStatusProjection(JdbcClient jdbc) {
        this.caseStatus = ReadModelTable.of(jdbc, "case_status");
    }

    @EventHandler
    void on(ApplicationSubmitted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        caseStatus.insertIfAbsent(
                event.caseId().value(),
                sequence,
                at,
                Columns.set("applicant_id", event.applicantId())
                        .and("submitted_on", event.submittedOn())
                        .and("household_size", event.members().size())
                        .and(
                                "region",
                                event.region() == null ? null : event.region().name())
                        .and("registered_at", ReadModelTable.utc(at))
                        .and(
                                "legacy_number",
                                event.provenance() == null
                                        ? null
                                        : event.provenance().legacyNumber()));
    }

    @EventHandler
    void on(ChecklistOpenedRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        caseStatus.update(
                event.caseId().value(), sequence, at, Columns.set("required_documents", event.requiredDocuments()));
    }

    @EventHandler
    void on(ChecklistCompletionRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        caseStatus.update(event.caseId().value(), sequence, at, Columns.set("checklist_complete", true));
    }

    @EventHandler
    void on(BiometricSlotRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        caseStatus.update(
                event.caseId().value(),
                sequence,
                at,
                Columns.set("biometric_desk", event.deskId()).and("biometric_starts_at", event.startsAt()));
    }

    @EventHandler
    void on(BiometricsCollectionRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        caseStatus.update(event.caseId().value(), sequence, at, Columns.set("biometrics_collected", true));
    }

    @EventHandler
    void on(DecisionMade event, @SequenceNumber long sequence, @Timestamp Instant at) {
        caseStatus.update(
                event.caseId().value(),
                sequence,
                at,
                Columns.set("decision", event.outcome().name()).and("decided_at", ReadModelTable.utc(at)));
    }

    @EventHandler
    void on(DeadlineExtended event, @SequenceNumber long sequence, @Timestamp Instant at) {
        caseStatus.update(event.caseId().value(), sequence, at, Columns.set("deadline_extended", true));
    }

    /** The case keeps its facts; the view says that the applicant's personal data is gone. */
    @EventHandler
    void on(ApplicantDataErased event, @SequenceNumber long sequence, @Timestamp Instant at) {
        caseStatus.update(
                event.caseId().value(), sequence, at, Columns.set("personal_data_erased_at", ReadModelTable.utc(at)));
    }

    @ResetHandler
    void reset() {
        caseStatus.reset();
    }
}
