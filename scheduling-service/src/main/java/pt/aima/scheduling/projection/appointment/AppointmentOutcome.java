package pt.aima.scheduling.projection.appointment;

import java.util.List;
import org.springframework.stereotype.Component;
import pt.aima.platform.audit.OutcomePart;
import pt.aima.platform.audit.OutcomeParts;

/**
 * The appointments' part of scheduling-service's outcome checksum: every case's appointment as the applicant sees it,
 * by case id. Times of processing are left out (biometrics collected is kept as a yes or no).
 */
@Component
class AppointmentOutcome implements OutcomeParts {

    @Override
    public List<OutcomePart> outcomeParts() {
        return List.of(
                new OutcomePart(
                        "appointments",
                        "every case: applicant, submission date, household size, region, desk, start, duration, queued,"
                                + " flagged to a caseworker, last change (code and reason), court order (reference and"
                                + " deadline), biometrics collected",
                        """
                select case_id, applicant_id, submitted_on, household_size, region, desk_id, starts_at,
                       duration_minutes, queued, flagged, last_change_reason_code, last_change_reason,
                       court_reference, court_deadline, biometrics_collected_at is not null as biometrics_collected
                from appointment
                order by case_id
                """));
    }
}
