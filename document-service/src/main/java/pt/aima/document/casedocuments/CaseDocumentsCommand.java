package pt.aima.document.casedocuments;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import pt.aima.kernel.application.AddressTitle;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;
import pt.aima.kernel.ids.MemberId;

/** What may be asked of a case's documents. */
public sealed interface CaseDocumentsCommand {

    CaseId caseId();

    /**
     * The application was registered: derive its checklist from the household, the address title and the submission
     * date.
     *
     * @param addressTitle null when the registration did not declare it
     * @param preferredLanguage ISO 639-1 code of the language the applicant is written to in, as registered
     */
    record OpenChecklist(
            @TargetAggregateIdentifier CaseId caseId,
            String applicantId,
            LocalDate submittedOn,
            List<HouseholdMember> household,
            AddressTitle addressTitle,
            String preferredLanguage)
            implements CaseDocumentsCommand {}

    /**
     * A copy of one checklist item was uploaded; its content is stored beside the command, under its id.
     *
     * @param sha256 hex SHA-256 of the content, which identifies it for the originals check at biometrics
     */
    record UploadDocument(
            @TargetAggregateIdentifier CaseId caseId,
            DocumentId documentId,
            MemberId memberId,
            DocumentType documentType,
            String sha256,
            long sizeBytes,
            String mediaType,
            LocalDate uploadedOn)
            implements CaseDocumentsCommand {}

    record AcceptDocument(@TargetAggregateIdentifier CaseId caseId, DocumentId documentId)
            implements CaseDocumentsCommand {}

    /**
     * @param reasonCode stable code, for example {@code OUTDATED_MODEL_4}
     * @param reason the caseworker's words to the applicant
     */
    record RejectDocument(
            @TargetAggregateIdentifier CaseId caseId, DocumentId documentId, String reasonCode, String reason)
            implements CaseDocumentsCommand {}

    /**
     * A caseworker asks for specific evidence.
     *
     * @param memberId the member it concerns, or null for the case as a whole
     * @param documentTypes what is asked for: items of the member's checklist or, for the whole case, of every member
     *     whose checklist has them
     * @param requestedOn today (Europe/Lisbon)
     * @param respondBy the last day the applicant may answer on; after {@code requestedOn}
     */
    record RequestEvidence(
            @TargetAggregateIdentifier CaseId caseId,
            String requestId,
            MemberId memberId,
            List<DocumentType> documentTypes,
            String reason,
            LocalDate requestedOn,
            LocalDate respondBy)
            implements CaseDocumentsCommand {}

    /**
     * Sent by the deadline poller, possibly more than once: the case acts only if something is due on {@code today}
     * and was not done yet (reminder, expiry, AIMA's own response running late).
     */
    record CheckEvidenceDeadlines(@TargetAggregateIdentifier CaseId caseId, String requestId, LocalDate today)
            implements CaseDocumentsCommand {}

    /**
     * The applicant's personal data was erased in application-service ({@code ApplicantDataErased}): this service's
     * copies go too (the uploaded contents, the data key the checklist's reasons are encrypted with).
     */
    record EraseDocumentData(@TargetAggregateIdentifier CaseId caseId, String applicantId, String legalBasis)
            implements CaseDocumentsCommand {}
}
