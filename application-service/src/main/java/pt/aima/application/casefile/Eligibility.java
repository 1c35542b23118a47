package pt.aima.application.casefile;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import pt.aima.application.casefile.CaseEvent.Member;
import pt.aima.application.casefile.CaseEvent.Residence;
import pt.aima.kernel.application.Relationship;

/**
 * The eligibility rules checked at registration (Lei 23/2007, art. 99 and the minors track): a minor relationship
 * needs a member under 18 on the submission date and an adult-child relationship a member of 18 or more; a minor
 * reunified from inside Portugal must be present in Portugal on the submission date.
 */
public final class Eligibility {

    /** Legal majority (Civil Code, art. 122): a definition of the law, not a policy figure. */
    static final int AGE_OF_MAJORITY = 18;

    private static final String PORTUGAL = "PRT";

    private Eligibility() {}

    /** @throws NotEligible naming the first member that fails and why */
    public static void check(LocalDate submittedOn, List<Member> members) {
        for (int i = 0; i < members.size(); i++) {
            check(submittedOn, members.get(i), i);
        }
    }

    private static void check(LocalDate submittedOn, Member member, int index) {
        int age = Period.between(member.dateOfBirth(), submittedOn).getYears();
        Relationship relationship = member.relationship();
        boolean minorRelationship = relationship == Relationship.MINOR_CHILD
                || relationship == Relationship.ADOPTED_MINOR_CHILD
                || relationship == Relationship.MINOR_SIBLING_UNDER_GUARDIANSHIP;
        boolean adultChild = relationship == Relationship.INCAPABLE_ADULT_CHILD
                || relationship == Relationship.DEPENDENT_ADULT_CHILD;
        if (minorRelationship && age >= AGE_OF_MAJORITY) {
            throw new NotEligible(
                    "NOT_A_MINOR",
                    index,
                    "members[" + index + "] is " + age + " on the submission date " + submittedOn + ": " + relationship
                            + " needs a member under " + AGE_OF_MAJORITY + " (an adult child may be reunified as"
                            + " DEPENDENT_ADULT_CHILD or INCAPABLE_ADULT_CHILD)");
        }
        if (adultChild && age < AGE_OF_MAJORITY) {
            throw new NotEligible(
                    "NOT_AN_ADULT",
                    index,
                    "members[" + index + "] is " + age + " on the submission date " + submittedOn + ": " + relationship
                            + " needs a member of " + AGE_OF_MAJORITY + " or more (a minor child is MINOR_CHILD)");
        }
        if (age < AGE_OF_MAJORITY && member.presentInPortugal() && !presentOn(member, submittedOn)) {
            throw new NotEligible(
                    "MINOR_NOT_PRESENT_ON_SUBMISSION",
                    index,
                    "members[" + index + "] is a minor reunified from inside Portugal but was not present in Portugal"
                            + " on the submission date " + submittedOn + " (Lei 23/2007, art. 98: a minor may be"
                            + " reunified from inside Portugal only if present on the date the application is"
                            + " submitted)");
        }
    }

    /** Present on the day: entered on or before it, and no declared stay elsewhere covers it. */
    private static boolean presentOn(Member member, LocalDate day) {
        if (member.presentInPortugalSince() != null
                && member.presentInPortugalSince().isAfter(day)) {
            return false;
        }
        if (member.residenceHistory() == null) {
            return true;
        }
        for (Residence residence : member.residenceHistory()) {
            boolean covers = !residence.from().isAfter(day)
                    && (residence.to() == null || !residence.to().isBefore(day));
            if (covers && !PORTUGAL.equals(residence.country())) {
                return false;
            }
        }
        return true;
    }
}
