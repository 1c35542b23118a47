package pt.aima.document.casedocuments;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Why a caseworker rejects a document: the stable code published with {@code DocumentRejected}. Some codes apply only
 * to some documents (an outdated Model 4 only to the Term of Responsibility).
 */
public enum RejectionReason {
    /** The Term of Responsibility is not on the Model 4 version in force for the case. */
    OUTDATED_MODEL_4(Set.of(DocumentType.TERM_OF_RESPONSIBILITY)),
    /** The signature is not recognised by a notary, lawyer or solicitor (and was not made before an AIMA officer). */
    SIGNATURE_NOT_RECOGNISED(Set.of(DocumentType.TERM_OF_RESPONSIBILITY, DocumentType.DE_FACTO_UNION_DECLARATION)),
    /** The passport or travel document is no longer valid. */
    EXPIRED_PASSPORT(Set.of(DocumentType.PASSPORT)),
    /** A certificate or decision lacks the authentication (apostille, consular legalisation) it needs. */
    UNAUTHENTICATED_CERTIFICATE(Set.of()),
    /** The document is no longer valid. */
    EXPIRED(Set.of()),
    /** The copy cannot be read. */
    ILLEGIBLE(Set.of()),
    /** Pages or information are missing. */
    INCOMPLETE(Set.of()),
    /** The upload is not the document asked for. */
    WRONG_DOCUMENT(Set.of()),
    /** Any other reason: the caseworker's text says which. */
    OTHER(Set.of());

    private final Set<DocumentType> appliesOnlyTo;

    RejectionReason(Set<DocumentType> appliesOnlyTo) {
        this.appliesOnlyTo = appliesOnlyTo;
    }

    public boolean appliesTo(DocumentType type) {
        return appliesOnlyTo.isEmpty() || appliesOnlyTo.contains(type);
    }

    public static Optional<RejectionReason> fromCode(String code) {
        return Arrays.stream(values())
                .filter(reason -> reason.name().equals(code))
                .findFirst();
    }
}
