package pt.aima.document.casedocuments;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;
import pt.aima.kernel.ids.MemberId;

/** What may be asked of a case's documents. */
public sealed interface CaseDocumentsCommand {

    CaseId caseId();

    /** The application was registered: derive its checklist from the household and the submission date. */
    record OpenChecklist(
            @TargetAggregateIdentifier CaseId caseId,
            String applicantId,
            LocalDate submittedOn,
            List<HouseholdMember> household)
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
            String mediaType)
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
}
