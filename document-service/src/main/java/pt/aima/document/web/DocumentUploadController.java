package pt.aima.document.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import pt.aima.document.casedocuments.CaseDocumentsCommand.UploadDocument;
import pt.aima.document.casedocuments.ContentSignature;
import pt.aima.document.casedocuments.DocumentRulesPolicy;
import pt.aima.document.casedocuments.DocumentType;
import pt.aima.document.casedocuments.PolicyCalendar;
import pt.aima.document.projection.checklist.ChecklistQueries;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.domain.CaseNotFound;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;
import pt.aima.platform.web.ProblemDetailsAdvice.FieldProblem;

/**
 * An applicant (for their own case) or a caseworker uploads a copy of one checklist item. A new upload for the same
 * member and document supersedes the previous version.
 */
@RestController
@Tag(name = "Documents")
class DocumentUploadController {

    /** @param sha256 hex SHA-256 of the stored content */
    record UploadedView(UUID documentId, String sha256, long sizeBytes, String mediaType) {}

    private final ActingCommandGateway commands;
    private final DocumentContentStore contents;
    private final ChecklistQueries checklists;
    private final PolicyCalendar policies;
    private final TransactionTemplate transaction;
    private final Clock clock;

    DocumentUploadController(
            ActingCommandGateway commands,
            DocumentContentStore contents,
            ChecklistQueries checklists,
            PolicyCalendar policies,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.commands = commands;
        this.contents = contents;
        this.checklists = checklists;
        this.policies = policies;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    @PostMapping(path = "/cases/{caseId}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @AllowedRoles({Role.APPLICANT, Role.CASEWORKER})
    @Operation(
            summary = "Upload a copy of a checklist item (multipart parts: file, memberId, documentType)",
            description = "400 names the bad part (empty, too large, media type not accepted, unknown document"
                    + " type, not on the member's checklist); 409 if the item is already accepted.")
    ResponseEntity<UploadedView> upload(
            @PathVariable UUID caseId,
            @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "memberId", required = false) String memberId,
            @RequestParam(name = "documentType", required = false) String documentType) {
        CaseId id = new CaseId(caseId);
        LocalDate submittedOn = checklists.submittedOn(id).orElseThrow(() -> new CaseNotFound(id));
        DocumentRulesPolicy policy = policies.inForceOn(submittedOn);

        List<FieldProblem> problems = new ArrayList<>();
        Optional<MemberId> member = member(memberId, problems);
        Optional<DocumentType> type = documentType(documentType, problems);
        Optional<Upload> upload = upload(file, policy, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }

        DocumentId documentId = DocumentId.newId();
        Upload content = upload.orElseThrow();
        String sha256 = sha256(content.bytes());
        // Content and event commit together: a refused command rolls the content back.
        transaction.executeWithoutResult(status -> {
            contents.store(documentId, id, sha256, content.mediaType(), content.bytes(), clock.instant());
            commands.send(new UploadDocument(
                    id,
                    documentId,
                    member.orElseThrow(),
                    type.orElseThrow(),
                    sha256,
                    content.bytes().length,
                    content.mediaType(),
                    LocalDate.now(clock)));
        });
        return ResponseEntity.created(URI.create("/cases/" + caseId + "/documents/" + documentId + "/content"))
                .body(new UploadedView(documentId.value(), sha256, content.bytes().length, content.mediaType()));
    }

    private record Upload(String mediaType, byte[] bytes) {}

    private static Optional<MemberId> member(String memberId, List<FieldProblem> problems) {
        if (memberId == null || memberId.isBlank()) {
            problems.add(new FieldProblem("memberId", "must not be blank"));
            return Optional.empty();
        }
        try {
            return Optional.of(MemberId.of(memberId.trim()));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("memberId", "must be a member id (UUID)"));
            return Optional.empty();
        }
    }

    private static Optional<DocumentType> documentType(String documentType, List<FieldProblem> problems) {
        if (documentType == null || documentType.isBlank()) {
            problems.add(new FieldProblem("documentType", "must not be blank"));
            return Optional.empty();
        }
        Optional<DocumentType> type = DocumentType.fromCode(documentType.trim());
        if (type.isEmpty()) {
            problems.add(new FieldProblem("documentType", "unknown document type " + documentType.trim()));
        }
        return type;
    }

    private static Optional<Upload> upload(
            MultipartFile file, DocumentRulesPolicy policy, List<FieldProblem> problems) {
        if (file == null || file.isEmpty()) {
            problems.add(new FieldProblem("file", "must not be empty"));
            return Optional.empty();
        }
        if (file.getSize() > policy.maxSizeBytes()) {
            problems.add(new FieldProblem("file", "must be at most " + policy.maxSizeBytes() + " bytes"));
            return Optional.empty();
        }
        String mediaType = mediaTypeOf(file);
        if (mediaType == null || !policy.accepts(mediaType)) {
            problems.add(new FieldProblem(
                    "file", "media type " + mediaType + " is not accepted; use one of " + policy.acceptedMediaTypes()));
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!ContentSignature.matches(mediaType, bytes)) {
            problems.add(new FieldProblem("file", "content is not of the declared media type " + mediaType));
            return Optional.empty();
        }
        return Optional.of(new Upload(mediaType, bytes));
    }

    /** The part's declared media type without parameters, lower case; null if absent or unreadable. */
    private static String mediaTypeOf(MultipartFile file) {
        String declared = file.getContentType();
        if (declared == null || declared.isBlank()) {
            return null;
        }
        try {
            MediaType type = MediaType.parseMediaType(declared);
            return (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
