package pt.aima.document.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.document.casedocuments.DocumentNotFound;
import pt.aima.document.projection.checklist.ChecklistQueries;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

/** A caseworker opens the copy to verify it; an applicant can see what they uploaded. */
@RestController
@Tag(name = "Documents")
class DocumentContentController {

    private final DocumentContentStore contents;
    private final ChecklistQueries checklists;

    DocumentContentController(DocumentContentStore contents, ChecklistQueries checklists) {
        this.contents = contents;
        this.checklists = checklists;
    }

    @GetMapping("/cases/{caseId}/documents/{documentId}/content")
    @AllowedRoles({Role.APPLICANT, Role.CASEWORKER, Role.OPERATIONS, Role.AUDITOR})
    @Operation(summary = "The uploaded copy, any version (an applicant sees only their own case)")
    ResponseEntity<byte[]> content(@PathVariable UUID caseId, @PathVariable UUID documentId) {
        CaseId id = new CaseId(caseId);
        DocumentContentStore.StoredContent stored = contents.find(id, new DocumentId(documentId))
                .orElseThrow(() -> new DocumentNotFound(id, new DocumentId(documentId)));
        if (stored.content() == null) {
            throw new ContentErased(id, new DocumentId(documentId));
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(stored.mediaType()))
                .header(HttpHeaders.ETAG, "\"" + stored.sha256() + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment")
                .body(stored.content());
    }
}
