package pt.aima.document.casedocuments;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.Relationship;

/**
 * A first rule set deriving a case's checklist from the facts of its registration (Lei 23/2007, art. 103; AIMA's
 * published list of documents). Every family member needs the sponsor's residence permit, a valid passport, the proof
 * of the family tie their relationship calls for, the Term of Responsibility (Model 4), and, from age 16, a criminal
 * record.
 *
 * <p>Not yet covered (a later issue): proof of legal entry for members in Portugal, the address declaration, proof of
 * means of subsistence, and the request to check the Portuguese criminal record. Those depend on facts the registration
 * does not publish yet, and their thresholds are policy with an effective date.
 */
public class ChecklistRules {

    /** Members under this age on the submission date need no criminal record. */
    static final int CRIMINAL_RECORD_FROM_AGE = 16;

    public List<RequiredItem> requiredDocuments(LocalDate submittedOn, List<HouseholdMember> household) {
        List<RequiredItem> items = new ArrayList<>();
        for (HouseholdMember member : household) {
            items.add(new RequiredItem(
                    member.memberId(),
                    DocumentType.SPONSOR_RESIDENCE_PERMIT,
                    "The sponsor's residence permit: the sponsor must reside legally in Portugal"));
            items.add(new RequiredItem(
                    member.memberId(), DocumentType.PASSPORT, "A valid passport or travel document of the member"));
            items.add(familyTieProof(member));
            items.add(new RequiredItem(
                    member.memberId(),
                    DocumentType.TERM_OF_RESPONSIBILITY,
                    "Term of Responsibility (Model 4, current version), with the signature recognised by a notary,"
                            + " lawyer or solicitor unless signed before an AIMA officer"));
            if (ageOn(member.dateOfBirth(), submittedOn) >= CRIMINAL_RECORD_FROM_AGE) {
                items.add(new RequiredItem(
                        member.memberId(),
                        DocumentType.CRIMINAL_RECORD,
                        "Criminal record: required from age 16, from the country of nationality or any country"
                                + " lived in for more than a year before coming to Portugal"));
            }
        }
        return List.copyOf(items);
    }

    private static RequiredItem familyTieProof(HouseholdMember member) {
        Relationship relationship = member.relationship();
        DocumentType type =
                switch (relationship) {
                    case SPOUSE -> DocumentType.MARRIAGE_CERTIFICATE;
                    case DE_FACTO_PARTNER -> DocumentType.PROOF_OF_UNION;
                    case MINOR_CHILD, DEPENDENT_ADULT_CHILD -> DocumentType.BIRTH_CERTIFICATE;
                    case ADOPTED_MINOR_CHILD -> DocumentType.ADOPTION_DECISION;
                    case INCAPABLE_ADULT_CHILD -> DocumentType.INCAPACITY_PROOF;
                    case DEPENDENT_PARENT -> DocumentType.PROOF_OF_DEPENDENCE;
                    case MINOR_SIBLING_UNDER_GUARDIANSHIP -> DocumentType.GUARDIANSHIP_DECISION;
                };
        String reason =
                switch (relationship) {
                    case SPOUSE -> "Proof of the family tie for a spouse: authenticated marriage certificate";
                    case DE_FACTO_PARTNER ->
                        "Proof of the family tie for a de facto partner: documents proving the union for more than"
                                + " two years, with the declaration";
                    case MINOR_CHILD ->
                        "Proof of the family tie for a minor child: authenticated birth certificate (and, if the"
                                + " other parent does not live here, their authenticated authorisation or the"
                                + " custody decision)";
                    case DEPENDENT_ADULT_CHILD ->
                        "Proof of the family tie for a dependent adult child: birth certificate (with proof of"
                                + " financial dependence and of enrolment in a Portuguese school)";
                    case ADOPTED_MINOR_CHILD ->
                        "Proof of the family tie for an adopted child: authenticated adoption decision";
                    case INCAPABLE_ADULT_CHILD ->
                        "Proof of the family tie for an incapable adult child: authenticated medical report or"
                                + " court declaration of incapacity";
                    case DEPENDENT_PARENT ->
                        "Proof of the family tie for a dependent parent: proof of economic dependence and of the"
                                + " relationship";
                    case MINOR_SIBLING_UNDER_GUARDIANSHIP ->
                        "Proof of the family tie for a minor under guardianship: the guardianship decision and the"
                                + " certificate of its recognition in Portugal";
                };
        return new RequiredItem(member.memberId(), type, reason);
    }

    /** Full years completed on {@code date}: a member turns 16 on the day of their 16th birthday. */
    private static int ageOn(LocalDate dateOfBirth, LocalDate date) {
        return Period.between(dateOfBirth, date).getYears();
    }
}
