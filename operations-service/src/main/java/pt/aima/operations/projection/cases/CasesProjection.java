package pt.aima.operations.projection.cases;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.operations.archive.CaseHistory;
import pt.aima.operations.casefile.CaseFile;
import pt.aima.operations.casefile.CaseFile.Registration;
import pt.aima.operations.projection.CaseProjection;

/**
 * {@code ops_case}: one row per registered case with its stage and the dimensions the backlog is counted by. A case
 * whose registration has not arrived has no row yet; its events wait in the archive and count when it comes.
 */
@Component
class CasesProjection implements CaseProjection {

    /** A decided case's age is counted up to the day of its decision in mainland Portugal. */
    static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");

    private final JdbcClient jdbc;
    private final CaseChanges changes;

    CasesProjection(JdbcClient jdbc, CaseChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    @Override
    public List<String> tables() {
        return List.of("ops_case");
    }

    @Override
    public void project(CaseHistory history, CaseFile file) {
        if (!file.registered()) {
            return;
        }
        Registration registration = file.registration();
        jdbc.sql(
                        """
                        insert into ops_case (case_id, applicant_id, submitted_on, registered_at, region, origin,
                            legacy_number, partner_type, partner_name, relationship, household_size, stage,
                            required_documents, checklist_opened_at, checklist_completed_at, appointment_desk,
                            appointment_starts_at, biometrics_collected_at, decision, decided_at, decided_on,
                            event_count, last_event_at)
                        values (:caseId, :applicantId, :submittedOn, :registeredAt, :region, :origin,
                            :legacyNumber, :partnerType, :partnerName, :relationship, :householdSize, :stage,
                            :requiredDocuments, :checklistOpenedAt, :checklistCompletedAt, :appointmentDesk,
                            :appointmentStartsAt, :biometricsCollectedAt, :decision, :decidedAt, :decidedOn,
                            :eventCount, :lastEventAt)
                        on conflict (case_id) do update set
                            applicant_id = excluded.applicant_id, submitted_on = excluded.submitted_on,
                            registered_at = excluded.registered_at, region = excluded.region,
                            origin = excluded.origin, legacy_number = excluded.legacy_number,
                            partner_type = excluded.partner_type, partner_name = excluded.partner_name,
                            relationship = excluded.relationship, household_size = excluded.household_size,
                            stage = excluded.stage, required_documents = excluded.required_documents,
                            checklist_opened_at = excluded.checklist_opened_at,
                            checklist_completed_at = excluded.checklist_completed_at,
                            appointment_desk = excluded.appointment_desk,
                            appointment_starts_at = excluded.appointment_starts_at,
                            biometrics_collected_at = excluded.biometrics_collected_at,
                            decision = excluded.decision, decided_at = excluded.decided_at,
                            decided_on = excluded.decided_on, event_count = excluded.event_count,
                            last_event_at = excluded.last_event_at
                        """)
                .param("caseId", file.caseId())
                .param("applicantId", registration.applicantId())
                .param("submittedOn", registration.submittedOn())
                .param("registeredAt", timestamp(registration.registeredAt()))
                .param("region", registration.region())
                .param("origin", registration.origin().name())
                .param("legacyNumber", registration.legacyNumber())
                .param("partnerType", registration.partnerType())
                .param("partnerName", registration.partnerName())
                .param("relationship", registration.relationship())
                .param("householdSize", registration.members().size())
                .param("stage", file.stage().name())
                .param("requiredDocuments", file.requiredDocuments())
                .param("checklistOpenedAt", timestamp(file.checklistOpenedAt()))
                .param("checklistCompletedAt", timestamp(file.checklistCompletedAt()))
                .param(
                        "appointmentDesk",
                        file.appointment() == null ? null : file.appointment().deskId())
                .param(
                        "appointmentStartsAt",
                        file.appointment() == null ? null : file.appointment().startsAt())
                .param("biometricsCollectedAt", timestamp(file.biometricsCollectedAt()))
                .param(
                        "decision",
                        file.decision() == null ? null : file.decision().name())
                .param("decidedAt", timestamp(file.decidedAt()))
                .param(
                        "decidedOn",
                        file.decidedAt() == null
                                ? null
                                : file.decidedAt().atZone(LISBON).toLocalDate())
                .param("eventCount", file.eventCount())
                .param("lastEventAt", timestamp(file.lastEventAt()))
                .update();
        changes.changed();
    }

    /** The backlog's count and the searches' totals are counted again once the rebuild commits. */
    @Override
    public void emptied() {
        changes.changed();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
