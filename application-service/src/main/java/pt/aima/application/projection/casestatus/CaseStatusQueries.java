package pt.aima.application.projection.casestatus;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.kernel.application.DecisionDeadlinePolicy;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.asof.AsOfReplay;
import pt.aima.platform.security.CaseOwners;

/** Reads the case-status read model. */
@Component
public class CaseStatusQueries implements CaseOwners {

    private final JdbcClient jdbc;
    private final DecisionDeadlinePolicy deadlines;
    private final CaseStatusProjection projection;
    private final AsOfReplay replay;

    CaseStatusQueries(
            JdbcClient jdbc, DecisionDeadlinePolicy deadlines, CaseStatusProjection projection, AsOfReplay replay) {
        this.jdbc = jdbc;
        this.deadlines = deadlines;
        this.projection = projection;
        this.replay = replay;
    }

    /** Whose case it is, for the platform's access guard; empty while the case is unknown here. */
    @Override
    public Optional<Owner> ownerOf(UUID caseId) {
        return jdbc.sql("select applicant_id from case_status where case_id = :caseId")
                .param("caseId", caseId)
                .query(String.class)
                .optional()
                .map(Owner::new);
    }

    /** The cases of one applicant (their account id), oldest first. */
    public java.util.List<UUID> casesOf(String applicantId) {
        return jdbc.sql("select case_id from case_status where applicant_id = :applicantId order by registered_at")
                .param("applicantId", applicantId)
                .query(UUID.class)
                .list();
    }

    public Optional<CaseStatusView> findCaseStatus(UUID caseId) {
        return jdbc.sql("select * from case_status where case_id = :caseId")
                .param("caseId", caseId)
                .query((rs, row) -> view(rs))
                .optional();
    }

    /**
     * Where the case stood at {@code asOf}: what this service had recorded about it by then (every fact from the other
     * services is recorded in the case's own history first), replayed through this read model's projection.
     *
     * @return empty if the case was not registered yet at {@code asOf}, or is unknown
     */
    public Optional<CaseStatusView> findCaseStatusAsOf(UUID caseId, Instant asOf) {
        return replay.replay(
                new CaseId(caseId), asOf, projection, CaseStatusProjection.TABLES, () -> findCaseStatus(caseId));
    }

    private CaseStatusView view(ResultSet rs) throws SQLException {
        Integer required = (Integer) rs.getObject("required_documents");
        boolean complete = rs.getBoolean("checklist_complete");
        String desk = rs.getString("biometric_desk");
        LocalDateTime startsAt = rs.getObject("biometric_starts_at", LocalDateTime.class);
        boolean collected = rs.getBoolean("biometrics_collected");
        String decision = rs.getString("decision");
        String stage;
        String next;
        if (decision != null) {
            stage = "DECIDED";
            next = "GRANTED".equals(decision)
                    ? "The residence permit will be issued; watch your inbox for the card's collection."
                    : "The application was refused; the decision states the grounds and how to appeal.";
        } else if (collected) {
            stage = "BIOMETRICS_COLLECTED";
            next = "AIMA is deciding the case.";
        } else if (desk != null) {
            stage = "BIOMETRICS_SCHEDULED";
            next = "Attend the biometric appointment with the originals of every document.";
        } else if (complete) {
            stage = "DOCUMENTS_COMPLETE";
            next = "AIMA will schedule the biometric appointment in order of registration.";
        } else if (required != null) {
            stage = "DOCUMENTS_REQUIRED";
            next = "Upload every required document; the checklist says what is missing and why.";
        } else {
            stage = "REGISTERED";
            next = "AIMA is preparing the list of required documents.";
        }
        LocalDate submittedOn = rs.getObject("submitted_on", LocalDate.class);
        boolean extended = rs.getBoolean("deadline_extended");
        return new CaseStatusView(
                rs.getObject("case_id", UUID.class),
                rs.getString("applicant_id"),
                rs.getString("legacy_number"),
                submittedOn,
                deadlines.deadline(submittedOn, extended),
                extended,
                rs.getInt("household_size"),
                rs.getString("region"),
                stage,
                next,
                required,
                complete,
                desk == null ? null : new CaseStatusView.Appointment(desk, startsAt),
                collected,
                decision,
                rs.getObject("decided_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class),
                rs.getObject("personal_data_erased_at", OffsetDateTime.class));
    }
}
