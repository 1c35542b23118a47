package pt.aima.notification.casenotifications;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import pt.aima.kernel.application.DecisionIssued.Outcome;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.platform.privacy.Personal;

/**
 * Something happened that the applicant must be told (or that tells how to reach them). Each command names the
 * integration event that triggered it: a notification is stored at most once per triggering event and channel.
 *
 * <p>A trigger that arrives before what its words depend on is kept in the case's events ({@code NotificationHeld}),
 * so each command has a stored name that never changes (the {@code command} property), and what staff typed in it is
 * marked {@link Personal}: kept there encrypted under the case's key.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "command")
@JsonSubTypes({
    @JsonSubTypes.Type(value = NotificationCommand.NotifyRegistration.class, name = "NotifyRegistration"),
    @JsonSubTypes.Type(value = NotificationCommand.RegisterContact.class, name = "RegisterContact"),
    @JsonSubTypes.Type(value = NotificationCommand.NotifyChecklist.class, name = "NotifyChecklist"),
    @JsonSubTypes.Type(value = NotificationCommand.NotifyDocumentRejected.class, name = "NotifyDocumentRejected"),
    @JsonSubTypes.Type(value = NotificationCommand.NotifyEvidenceRequest.class, name = "NotifyEvidenceRequest"),
    @JsonSubTypes.Type(
            value = NotificationCommand.NotifyBiometricAppointment.class,
            name = "NotifyBiometricAppointment"),
    @JsonSubTypes.Type(
            value = NotificationCommand.NotifyAppointmentRescheduled.class,
            name = "NotifyAppointmentRescheduled"),
    @JsonSubTypes.Type(value = NotificationCommand.NotifyAppointmentMissed.class, name = "NotifyAppointmentMissed"),
    @JsonSubTypes.Type(value = NotificationCommand.NotifyDecision.class, name = "NotifyDecision"),
    @JsonSubTypes.Type(value = NotificationCommand.NotifyDeadlineExtended.class, name = "NotifyDeadlineExtended")
})
public sealed interface NotificationCommand {

    CaseId caseId();

    UUID triggeringEventId();

    /** One family member as the texts name them: by relationship to the sponsor, never by name. */
    record Member(MemberId memberId, String relationship) {}

    /**
     * One document the case needs, for a family member, with the reason it is required (as noted on the case).
     *
     * @param reason document-service's English wording, which may name the countries a member lived in: stored
     *     encrypted under the case's key
     */
    record ChecklistItem(MemberId memberId, String documentType, @Personal String reason) {}

    /**
     * One document the case needs, as the checklist was published: the reason's code and the facts it names, and
     * document-service's English wording of it.
     *
     * @param reason document-service's English wording; with the facts, stored encrypted under the case's key
     * @param reasonCode {@code null} on checklists published before the code existed
     * @param reasonValues the facts the reason names, by name (durations as ISO-8601 periods; the countries a member
     *     lived in)
     */
    record ChecklistRequirement(
            MemberId memberId,
            String documentType,
            @Personal String reason,
            String reasonCode,
            @Personal Map<String, String> reasonValues) {

        public ChecklistRequirement {
            reasonValues = reasonValues == null ? Map.of() : Map.copyOf(reasonValues);
        }

        /** The item as the case notes it. */
        public ChecklistItem item() {
            return new ChecklistItem(memberId, documentType, reason);
        }
    }

    /**
     * The application was registered: who the applicant is, in which language to write, the household, and the
     * receipt.
     */
    record NotifyRegistration(
            @TargetAggregateIdentifier CaseId caseId,
            UUID triggeringEventId,
            String applicantId,
            Language language,
            LocalDate submittedOn,
            List<Member> household)
            implements NotificationCommand {

        public NotifyRegistration {
            household = household == null ? List.of() : List.copyOf(household);
        }
    }

    /**
     * How to reach the applicant. The contact itself (address, phone) is kept by the service apart from the case's
     * events; the case only learns which channels the applicant can be reached on, and the language.
     */
    record RegisterContact(
            @TargetAggregateIdentifier CaseId caseId,
            UUID triggeringEventId,
            String applicantId,
            Language language,
            boolean emailGiven,
            boolean phoneGiven)
            implements NotificationCommand {}

    record NotifyChecklist(
            @TargetAggregateIdentifier CaseId caseId, UUID triggeringEventId, List<ChecklistRequirement> items)
            implements NotificationCommand {

        public NotifyChecklist {
            items = List.copyOf(items);
        }
    }

    record NotifyDocumentRejected(
            @TargetAggregateIdentifier CaseId caseId,
            UUID triggeringEventId,
            MemberId memberId,
            String documentType,
            String reasonCode,
            @Personal String reason)
            implements NotificationCommand {}

    /** An evidence request, its reminder or its expiry; {@code kind} says which. */
    record NotifyEvidenceRequest(
            @TargetAggregateIdentifier CaseId caseId,
            UUID triggeringEventId,
            NotificationKind kind,
            MemberId memberId,
            List<String> documentTypes,
            @Personal String reason,
            LocalDate respondBy)
            implements NotificationCommand {

        public NotifyEvidenceRequest {
            documentTypes = List.copyOf(documentTypes);
        }
    }

    record NotifyBiometricAppointment(
            @TargetAggregateIdentifier CaseId caseId,
            UUID triggeringEventId,
            String deskId,
            LocalDateTime startsAt,
            int durationMinutes)
            implements NotificationCommand {}

    record NotifyAppointmentRescheduled(
            @TargetAggregateIdentifier CaseId caseId,
            UUID triggeringEventId,
            String deskId,
            LocalDateTime startsAt,
            int durationMinutes,
            String previousDeskId,
            LocalDateTime previousStartsAt,
            String reasonCode,
            // a desk closure's reason or scheduling-service's own sentence: about the desk, not the applicant
            String reason)
            implements NotificationCommand {}

    record NotifyAppointmentMissed(
            @TargetAggregateIdentifier CaseId caseId,
            UUID triggeringEventId,
            String deskId,
            LocalDateTime startsAt,
            boolean rescheduled)
            implements NotificationCommand {}

    record NotifyDecision(
            @TargetAggregateIdentifier CaseId caseId,
            UUID triggeringEventId,
            Outcome outcome,
            List<String> grounds,
            @Personal String reasoning)
            implements NotificationCommand {}

    /**
     * The legal deadline for the decision was extended.
     *
     * @param reason the caseworker's words, told as written
     * @param decideBy the new last day for the decision
     */
    record NotifyDeadlineExtended(
            @TargetAggregateIdentifier CaseId caseId,
            UUID triggeringEventId,
            @Personal String reason,
            LocalDate decideBy)
            implements NotificationCommand {}
}
