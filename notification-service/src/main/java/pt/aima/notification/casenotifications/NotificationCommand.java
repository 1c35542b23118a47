package pt.aima.notification.casenotifications;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import pt.aima.kernel.application.DecisionIssued.Outcome;
import pt.aima.kernel.ids.CaseId;

/**
 * Something happened that the applicant must be told. Each command names the integration event that triggered it:
 * a notification is stored at most once per triggering event and channel.
 */
public sealed interface NotificationCommand {

    CaseId caseId();

    UUID triggeringEventId();

    /** The application was registered: who the applicant is, in which language to write, and the receipt. */
    record NotifyRegistration(
            @TargetAggregateIdentifier CaseId caseId,
            UUID triggeringEventId,
            String applicantId,
            Language language,
            LocalDate submittedOn)
            implements NotificationCommand {}

    record NotifyBiometricAppointment(
            @TargetAggregateIdentifier CaseId caseId,
            UUID triggeringEventId,
            String deskId,
            LocalDateTime startsAt,
            int durationMinutes)
            implements NotificationCommand {}

    record NotifyDecision(
            @TargetAggregateIdentifier CaseId caseId,
            UUID triggeringEventId,
            Outcome outcome,
            List<String> grounds,
            String reasoning)
            implements NotificationCommand {}
}
