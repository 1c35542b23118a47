package pt.aima.operations.projection.cases;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
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

    private final NamedParameterJdbcTemplate batch;
    private final CaseChanges changes;

    CasesProjection(NamedParameterJdbcTemplate batch, CaseChanges changes) {
        this.batch = batch;
        this.changes = changes;
    }

    @Override
    public List<String> tables() {
        return List.of("ops_case");
    }

    /** A registered case's row: inserted, or replacing the one it has. */
    private static final String UPSERT =
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
            """;

    @Override
    public void project(CaseHistory history, CaseFile file) {
        projectAll(List.of(new Case(history, file)));
    }

    /** Every case's row changes with each of its events (its count of events, its last): written in one batch. */
    @Override
    public void projectAll(List<Case> cases) {
        SqlParameterSource[] rows = cases.stream()
                .map(Case::file)
                .filter(CaseFile::registered)
                .map(file -> new MapSqlParameterSource(row(file)))
                .toArray(SqlParameterSource[]::new);
        if (rows.length > 0) {
            batch.batchUpdate(UPSERT, rows);
            changes.changed();
        }
    }

    private static Map<String, Object> row(CaseFile file) {
        Registration registration = file.registration();
        Map<String, Object> row = new HashMap<>();
        row.put("caseId", file.caseId());
        row.put("applicantId", registration.applicantId());
        row.put("submittedOn", registration.submittedOn());
        row.put("registeredAt", timestamp(registration.registeredAt()));
        row.put("region", registration.region());
        row.put("origin", registration.origin().name());
        row.put("legacyNumber", registration.legacyNumber());
        row.put("partnerType", registration.partnerType());
        row.put("partnerName", registration.partnerName());
        row.put("relationship", registration.relationship());
        row.put("householdSize", registration.members().size());
        row.put("stage", file.stage().name());
        row.put("requiredDocuments", file.requiredDocuments());
        row.put("checklistOpenedAt", timestamp(file.checklistOpenedAt()));
        row.put("checklistCompletedAt", timestamp(file.checklistCompletedAt()));
        row.put(
                "appointmentDesk",
                file.appointment() == null ? null : file.appointment().deskId());
        row.put(
                "appointmentStartsAt",
                file.appointment() == null ? null : file.appointment().startsAt());
        row.put("biometricsCollectedAt", timestamp(file.biometricsCollectedAt()));
        row.put("decision", file.decision() == null ? null : file.decision().name());
        row.put("decidedAt", timestamp(file.decidedAt()));
        row.put(
                "decidedOn",
                file.decidedAt() == null
                        ? null
                        : file.decidedAt().atZone(LISBON).toLocalDate());
        row.put("eventCount", file.eventCount());
        row.put("lastEventAt", timestamp(file.lastEventAt()));
        return row;
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
