package pt.aima.scheduling.appointment;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import pt.aima.kernel.ids.CaseId;

/** What may be asked of a case's biometric appointment. */
public sealed interface AppointmentCommand {

    CaseId caseId();

    /** application-service registered the case: who the applicant is, and the facts that order the queue. */
    record RecordApplication(
            @TargetAggregateIdentifier CaseId caseId, String applicantId, LocalDate submittedOn, int householdSize)
            implements AppointmentCommand {}

    /** document-service accepted every required document: the case needs an appointment. */
    record ScheduleBiometrics(@TargetAggregateIdentifier CaseId caseId) implements AppointmentCommand {}

    /** A caseworker collected the household's biometrics at the desk and saw the originals. */
    record RecordBiometricsCollected(@TargetAggregateIdentifier CaseId caseId) implements AppointmentCommand {}
}
