package pt.aima.document.casedocuments;

import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;

/** The case has no document with this id. */
public class DocumentNotFound extends RuntimeException {

    public DocumentNotFound(CaseId caseId, DocumentId documentId) {
        super("case " + caseId + " has no document " + documentId);
    }
}
