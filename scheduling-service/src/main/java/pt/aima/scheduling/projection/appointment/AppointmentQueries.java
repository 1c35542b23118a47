package pt.aima.scheduling.projection.appointment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.asof.AsOfReplay;
import pt.aima.platform.security.CaseOwners;
import pt.aima.scheduling.projection.appointment.AppointmentView.Status;

/** Reads the appointments read model. */
@Component
public class AppointmentQueries implements CaseOwners {

    /** An appointment with whose it is, for the access check; the applicant's id is not part of the view. */
    public record FoundAppointment(String applicantId, AppointmentView view) {}

    private final JdbcClient jdbc;
    private final AppointmentProjection projection;
    private final AsOfReplay replay;

    AppointmentQueries(JdbcClient jdbc, AppointmentProjection projection, AsOfReplay replay) {
        this.jdbc = jdbc;
        this.projection = projection;
        this.replay = replay;
    }

    /**
     * Whose case it is, for the platform's access guard: unknown (null) until scheduling-service has heard of the case's
     * registration.
     */
    @Override
    public Optional<Owner> ownerOf(UUID caseId) {
        return findAppointment(caseId).map(found -> new Owner(found.applicantId()));
    }

    public Optional<FoundAppointment> findAppointment(UUID caseId) {
        return jdbc.sql("select * from appointment where case_id = :caseId")
                .param("caseId", caseId)
                .query((rs, row) -> found(rs))
                .optional();
    }

    /**
     * The appointment as it stood at {@code asOf}: what this service had recorded about the case by then (the
     * registration, the checklist's completion and court orders are recorded in the case's own history when they
     * arrive), replayed through this read model's projection.
     *
     * @return empty if scheduling-service had not heard of the case yet at {@code asOf}, or never
     */
    public Optional<FoundAppointment> findAppointmentAsOf(UUID caseId, Instant asOf) {
        return replay.replay(
                new CaseId(caseId), asOf, projection, AppointmentProjection.TABLES, () -> findAppointment(caseId));
    }

    private static FoundAppointment found(ResultSet rs) throws SQLException {
        String deskId = rs.getString("desk_id");
        Status status;
        if (rs.getObject("biometrics_collected_at") != null) {
            status = Status.BIOMETRICS_COLLECTED;
        } else if (deskId != null) {
            status = Status.SCHEDULED;
        } else if (rs.getBoolean("flagged")) {
            status = Status.FLAGGED_TO_CASEWORKER;
        } else if (rs.getBoolean("queued")) {
            status = Status.WAITING_FOR_SLOT;
        } else {
            status = Status.AWAITING_DOCUMENTS;
        }
        return new FoundAppointment(
                rs.getString("applicant_id"),
                new AppointmentView(
                        rs.getObject("case_id", UUID.class),
                        deskId,
                        rs.getObject("starts_at", LocalDateTime.class),
                        (Integer) rs.getObject("duration_minutes"),
                        status,
                        rs.getString("last_change_reason"),
                        rs.getObject("court_deadline", LocalDate.class),
                        rs.getString("region")));
    }
}
