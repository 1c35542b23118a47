package pt.aima.document.casedocuments;

import java.util.Map;
import java.util.Objects;
import pt.aima.kernel.ids.MemberId;
import pt.aima.platform.privacy.Personal;

/**
 * One document a family member must provide, and why: the reason's {@link ChecklistReason} code with the facts it
 * names, which readers word in their own language, and the rules' English sentence.
 *
 * <p>{@code reasonCode} and {@code reasonValues} were added later: an item stored before them (in a checklist opened
 * earlier) decodes without a code, and its code and facts are then read back from its sentence ({@link
 * StoredReasonSentences}); a sentence not recognised leaves the item without a code.
 *
 * @param reason why it is required, in the rules' English words
 * @param reasonCode the {@link ChecklistReason} code; null only for an item stored before codes whose sentence is not
 *     recognised
 * @param reasonValues the facts the reason names, by name (see {@link ChecklistReason}); empty when it names none
 *
 * <p>The reason and its facts are personal data (they name the countries a member lived in, derived from the residence
 * history): stored encrypted under the applicant's key, they read as erased ({@code reason} {@code "[erased]"}, no
 * facts; the code stays) once the applicant's data is erased.
 */
public record RequiredItem(
        MemberId memberId,
        DocumentType documentType,
        @Personal String reason,
        String reasonCode,
        @Personal Map<String, String> reasonValues) {

    public RequiredItem {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(documentType, "documentType");
        Objects.requireNonNull(reason, "reason");
        if (reasonCode == null) {
            var recognised = StoredReasonSentences.recognise(documentType, reason);
            if (recognised.isPresent()) {
                reasonCode = recognised.get().code().name();
                reasonValues = recognised.get().values();
            }
        }
        reasonValues = reasonValues == null ? Map.of() : Map.copyOf(reasonValues);
    }

    /** An item as checklists opened before reason codes stored it: its code is read back from the sentence. */
    public RequiredItem(MemberId memberId, DocumentType documentType, String reason) {
        this(memberId, documentType, reason, null, null);
    }

    /** The item the rules require for {@code reason}, with its English sentence. */
    static RequiredItem because(
            MemberId memberId, DocumentType documentType, ChecklistReason reason, Map<String, String> facts) {
        String sentence = ReasonWording.in(Language.EN)
                .sentence(reason.name(), facts)
                .orElseThrow(() -> new IllegalArgumentException(reason + " cannot be worded with " + facts));
        return new RequiredItem(memberId, documentType, sentence, reason.name(), facts);
    }

    static RequiredItem because(MemberId memberId, DocumentType documentType, ChecklistReason reason) {
        return because(memberId, documentType, reason, Map.of());
    }
}
