package pt.aima.notification.casenotifications;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * What a notification says, one record per message: the template it is written from and the facts that fill it. The
 * words live in the template files, one per template and language ({@code notifications/<language>/<template>.mustache});
 * a record's components are its template's values, by name, and the only ones it gets.
 *
 * <p>Values are strings, numbers, booleans, dates, times, {@link Label}s (codes worded in the applicant's language),
 * lists, and records of these. A {@code null} value is written as nothing.
 */
public sealed interface NotificationMessage {

    NotificationKind kind();

    /** The template's name. */
    String template();

    /** Every message quotes the case number (the case id). */
    String caseNumber();

    /** The application was received. */
    record Receipt(String caseNumber, LocalDate submittedOn) implements NotificationMessage {
        @Override
        public NotificationKind kind() {
            return NotificationKind.RECEIPT;
        }

        @Override
        public String template() {
            return "receipt";
        }
    }

    /** The documents each family member must provide, in checklist order. */
    record Checklist(String caseNumber, List<MemberDocuments> members) implements NotificationMessage {
        public Checklist {
            members = List.copyOf(members);
        }

        @Override
        public NotificationKind kind() {
            return NotificationKind.CHECKLIST;
        }

        @Override
        public String template() {
            return "checklist";
        }
    }

    /**
     * @param member whose document it is; {@code null} for a document of the application, or a member whose
     *     relationship is not known
     * @param reason the rejection's reason code, worded in the applicant's language
     * @param note the caseworker's own words, shown as written (they are not translated); {@code null} for none
     * @param howToFix the hint for the rejection's reason code; {@code null} when there is none
     */
    record DocumentRejected(String caseNumber, Label document, Label member, Label reason, String note, Label howToFix)
            implements NotificationMessage {
        @Override
        public NotificationKind kind() {
            return NotificationKind.DOCUMENT_REJECTED;
        }

        @Override
        public String template() {
            return "document-rejected";
        }
    }

    /** @param note the caseworker's own words on what is missing and why, shown as written; {@code null} for none */
    record EvidenceRequested(String caseNumber, List<Label> documents, Label member, String note, LocalDate respondBy)
            implements NotificationMessage {
        public EvidenceRequested {
            documents = List.copyOf(documents);
        }

        @Override
        public NotificationKind kind() {
            return NotificationKind.EVIDENCE_REQUESTED;
        }

        @Override
        public String template() {
            return "evidence-requested";
        }
    }

    record EvidenceReminder(String caseNumber, List<Label> documents, Label member, LocalDate respondBy)
            implements NotificationMessage {
        public EvidenceReminder {
            documents = List.copyOf(documents);
        }

        @Override
        public NotificationKind kind() {
            return NotificationKind.EVIDENCE_REMINDER;
        }

        @Override
        public String template() {
            return "evidence-reminder";
        }
    }

    record EvidenceExpired(String caseNumber, List<Label> documents, Label member, LocalDate respondBy)
            implements NotificationMessage {
        public EvidenceExpired {
            documents = List.copyOf(documents);
        }

        @Override
        public NotificationKind kind() {
            return NotificationKind.EVIDENCE_EXPIRED;
        }

        @Override
        public String template() {
            return "evidence-expired";
        }
    }

    /**
     * @param originals the originals to bring, from the case's checklist
     * @param checklistKnown whether the case's checklist is known (otherwise the applicant brings every document whose
     *     copy they uploaded)
     */
    record Appointment(
            String caseNumber,
            String desk,
            LocalDate date,
            LocalTime time,
            int durationMinutes,
            List<MemberOriginals> originals,
            boolean checklistKnown)
            implements NotificationMessage {
        public Appointment {
            originals = List.copyOf(originals);
        }

        @Override
        public NotificationKind kind() {
            return NotificationKind.APPOINTMENT;
        }

        @Override
        public String template() {
            return "appointment";
        }
    }

    /**
     * The new appointment as in {@link Appointment}, and the previous one with the reason it moved.
     *
     * @param reason the reason code, worded in the applicant's language
     * @param note the words of a person at AIMA (operations closing a desk), shown as written; {@code null} for none
     */
    record AppointmentRescheduled(
            String caseNumber,
            String desk,
            LocalDate date,
            LocalTime time,
            int durationMinutes,
            List<MemberOriginals> originals,
            boolean checklistKnown,
            String previousDesk,
            LocalDate previousDate,
            LocalTime previousTime,
            Label reason,
            String note)
            implements NotificationMessage {
        public AppointmentRescheduled {
            originals = List.copyOf(originals);
        }

        @Override
        public NotificationKind kind() {
            return NotificationKind.APPOINTMENT_RESCHEDULED;
        }

        @Override
        public String template() {
            return "appointment-rescheduled";
        }
    }

    /** @param rescheduled whether a new appointment was booked (otherwise a caseworker looks at the case) */
    record AppointmentMissed(String caseNumber, String desk, LocalDate date, LocalTime time, boolean rescheduled)
            implements NotificationMessage {
        @Override
        public NotificationKind kind() {
            return NotificationKind.APPOINTMENT_MISSED;
        }

        @Override
        public String template() {
            return "appointment-missed";
        }
    }

    record DecisionGranted(String caseNumber, String reasoning) implements NotificationMessage {
        @Override
        public NotificationKind kind() {
            return NotificationKind.DECISION;
        }

        @Override
        public String template() {
            return "decision-granted";
        }
    }

    /**
     * @param appealDays working days for a complaint or an administrative appeal ({@link AppealPolicy})
     * @param courtMonths months for an action before the administrative court ({@link AppealPolicy})
     */
    record DecisionRefused(String caseNumber, List<Label> grounds, String reasoning, int appealDays, int courtMonths)
            implements NotificationMessage {
        public DecisionRefused {
            grounds = List.copyOf(grounds);
        }

        @Override
        public NotificationKind kind() {
            return NotificationKind.DECISION;
        }

        @Override
        public String template() {
            return "decision-refused";
        }
    }

    /**
     * The legal deadline for the decision was extended, once, for the complexity of the case (Lei 23/2007, art. 105).
     *
     * @param decideBy the new last day for the decision
     * @param reason the caseworker's words on why the case needs more time, shown as written (not translated)
     */
    record DeadlineExtended(String caseNumber, LocalDate decideBy, String reason) implements NotificationMessage {
        @Override
        public NotificationKind kind() {
            return NotificationKind.DEADLINE_EXTENDED;
        }

        @Override
        public String template() {
            return "deadline-extended";
        }
    }

    /**
     * The documents one family member must provide, each with the reason it is required (a reason code).
     *
     * @param member by relationship; {@code null} for the application's own documents, or a member whose relationship
     *     is not known
     */
    record MemberDocuments(Label member, List<RequiredDocument> documents) {
        public MemberDocuments {
            documents = List.copyOf(documents);
        }
    }

    record RequiredDocument(Label document, Label reason) {}

    /**
     * The originals one family member brings to the appointment.
     *
     * @param member as in {@link MemberDocuments}
     */
    record MemberOriginals(Label member, List<Original> documents) {
        public MemberOriginals {
            documents = List.copyOf(documents);
        }
    }

    record Original(Label document) {}
}
