package pt.aima.document.casedocuments;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of document a checklist can ask for; the name is the stable code published to other services. */
public enum DocumentType {
    /** The sponsor's residence permit (AR). */
    SPONSOR_RESIDENCE_PERMIT,
    /** A valid passport or travel document of the member. */
    PASSPORT,
    /** Proof of legal entry into Portugal, for a member who is in Portugal. */
    PROOF_OF_LEGAL_ENTRY,
    /** Proof of the tie of a spouse. */
    MARRIAGE_CERTIFICATE,
    /** Proof of a de facto union of more than two years. */
    PROOF_OF_UNION,
    /** The partners' declaration of their de facto union. */
    DE_FACTO_UNION_DECLARATION,
    /** Proof of the tie of a child, minor or adult dependent. */
    BIRTH_CERTIFICATE,
    /** For a minor child whose other parent does not live in Portugal: that parent's authorisation or the custody decision. */
    OTHER_PARENT_AUTHORISATION,
    /** Proof of the tie of an adopted minor (adoption recognised in Portugal). */
    ADOPTION_DECISION,
    /** Medical report or court declaration of an adult child's incapacity. */
    INCAPACITY_PROOF,
    /** Proof of economic dependence (a dependent adult child or parent) and, for a parent, of the relationship. */
    PROOF_OF_DEPENDENCE,
    /** Proof of a dependent adult child's enrolment in a Portuguese educational establishment. */
    PROOF_OF_ENROLMENT,
    /** The guardianship decision for a minor sibling. */
    GUARDIANSHIP_DECISION,
    /** The certificate of the guardianship decision's recognition by the Portuguese authority. */
    GUARDIANSHIP_RECOGNITION,
    /** Sworn declaration of the address of residence, stating the title under which the household lives there. */
    ADDRESS_DECLARATION,
    /** For an owner or usufructuary: the land-registry certificate or its access code. */
    LAND_REGISTRY_CERTIFICATE,
    /** For a tenant, subtenant, borrower and the like: declaration of the landlord or accommodation entity. */
    LANDLORD_DECLARATION,
    /** Proof of means of subsistence. */
    MEANS_OF_SUBSISTENCE,
    /** Term of Responsibility, Model 4, in its current version. */
    TERM_OF_RESPONSIBILITY,
    /** Criminal record from the country of nationality or of residence for more than a year. */
    CRIMINAL_RECORD,
    /** The request that AIMA check the Portuguese criminal record. */
    PORTUGUESE_CRIMINAL_RECORD_CHECK;

    /** The type with this code, if there is one; codes are case-sensitive, as published. */
    public static Optional<DocumentType> fromCode(String code) {
        return Arrays.stream(values()).filter(type -> type.name().equals(code)).findFirst();
    }
}
