package pt.aima.application.projection.casestatus;

import java.util.List;
import org.springframework.stereotype.Component;
import pt.aima.platform.audit.OutcomePart;
import pt.aima.platform.audit.OutcomeParts;

/**
 * The cases' part of application-service's outcome checksum: every case with its legacy number and where it stands,
 * by case id (imported cases' ids derive from their legacy numbers, so a reproduction gives the same ids). Times of
 * processing (registered, updated, decided at) are left out: they differ in every run.
 */
@Component
class CaseStatusOutcome implements OutcomeParts {

    @Override
    public List<OutcomePart> outcomeParts() {
        return List.of(
                new OutcomePart(
                        "case-status",
                        "every case: id, legacy number, applicant, submission date, household size, region, required"
                                + " documents, checklist complete, biometric desk and time, biometrics collected, decision",
                        """
                select case_id, legacy_number, applicant_id, submitted_on, household_size, region, required_documents,
                       checklist_complete, biometric_desk, biometric_starts_at, biometrics_collected, decision
                from case_status
                order by case_id
                """));
    }
}
