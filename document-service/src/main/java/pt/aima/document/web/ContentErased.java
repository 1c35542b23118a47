package pt.aima.document.web;

import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;

/** The document's uploaded copy was deleted when the applicant's personal data was erased (410 Gone). */
class ContentErased extends RuntimeException {

    ContentErased(CaseId caseId, DocumentId documentId) {
        super("the content of document " + documentId + " of case " + caseId + " was erased");
    }
}
