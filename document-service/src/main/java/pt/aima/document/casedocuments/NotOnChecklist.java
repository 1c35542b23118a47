package pt.aima.document.casedocuments;

/**
 * An upload for a member the case does not name, or of a document their checklist does not ask for, a rejection code
 * that does not apply to the document, an evidence request for something not on the checklist or with a deadline not
 * in the future: the request is wrong, not the case's state (400 naming the field).
 */
public class NotOnChecklist extends RuntimeException {

    private final String field;

    private NotOnChecklist(String field, String message) {
        super(message);
        this.field = field;
    }

    static NotOnChecklist unknownMember() {
        return new NotOnChecklist("memberId", "the case names no such family member");
    }

    static NotOnChecklist notRequired(DocumentType type) {
        return new NotOnChecklist("documentType", type + " is not on this member's checklist");
    }

    static NotOnChecklist invalid(String field, String message) {
        return new NotOnChecklist(field, message);
    }

    /**
     * The request field that is wrong: {@code memberId}, {@code documentType}, {@code documentTypes}, {@code reasonCode}
     * or {@code respondBy}.
     */
    public String field() {
        return field;
    }
}
