package pt.aima.document.casedocuments;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import java.util.Objects;
import pt.aima.kernel.ids.MemberId;

/** One item of a case's checklist: a type of document asked of one family member. */
record ItemKey(MemberId memberId, DocumentType documentType) {

    ItemKey {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(documentType, "documentType");
    }

    static ItemKey of(RequiredItem item) {
        return new ItemKey(item.memberId(), item.documentType());
    }

    /** Whether a request about {@code member} ({@code null}: every member of the case) for {@code types} asks for it. */
    boolean isAskedBy(MemberId member, Collection<DocumentType> types) {
        return types.contains(documentType) && (member == null || member.equals(memberId));
    }

    /** The key's form in a snapshot, where it also keys maps: {@code <member id>/<document type>}. */
    @JsonValue
    String snapshotForm() {
        return memberId + "/" + documentType.name();
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ItemKey fromSnapshotForm(String form) {
        int slash = form.indexOf('/');
        return new ItemKey(MemberId.of(form.substring(0, slash)), DocumentType.valueOf(form.substring(slash + 1)));
    }
}
