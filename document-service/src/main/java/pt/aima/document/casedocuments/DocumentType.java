package pt.aima.document.casedocuments;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of document a checklist can ask for; the name is the stable code published to other services. */
public enum DocumentType {
    /** The sponsor's residence permit (AR). */
    SPONSOR_RESIDENCE_PERMIT,
    /** A valid passport or travel document of the member. */
    PASSPORT,
    /** Proof of the tie of a spouse. */
    MARRIAGE_CERTIFICATE,
    /** Proof of a de facto union of more than two years. */
    PROOF_OF_UNION,
    /** Proof of the tie of a child, minor or adult dependent. */
    BIRTH_CERTIFICATE,
    /** Proof of the tie of an adopted minor (adoption recognised in Portugal). */
    ADOPTION_DECISION,
    /** Medical report or court declaration of an adult child's incapacity. */
    INCAPACITY_PROOF,
    /** Proof of a parent's economic dependence and of the relationship. */
    PROOF_OF_DEPENDENCE,
    /** The guardianship decision for a minor sibling and its recognition in Portugal. */
    GUARDIANSHIP_DECISION,
    /** Term of Responsibility, Model 4, in its current version. */
    TERM_OF_RESPONSIBILITY,
    /** Criminal record from the country of nationality or of residence for more than a year. */
    CRIMINAL_RECORD;

    /** The type with this code, if there is one; codes are case-sensitive, as published. */
    public static Optional<DocumentType> fromCode(String code) {
        return Arrays.stream(values()).filter(type -> type.name().equals(code)).findFirst();
    }
}
