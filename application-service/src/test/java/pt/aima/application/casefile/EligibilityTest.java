package pt.aima.application.casefile;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pt.aima.application.casefile.CaseEvent.Member;
import pt.aima.application.casefile.CaseEvent.Residence;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.ids.MemberId;

class EligibilityTest {

    private static final LocalDate SUBMITTED_ON = LocalDate.of(2026, 11, 23);

    /** Every relationship, on both sides of the 18th birthday (the day before it and the day of it). */
    @ParameterizedTest(name = "{0} born {1}: {2}")
    @CsvSource({
        "SPOUSE, 2008-11-23, ",
        "DE_FACTO_PARTNER, 1990-01-01, ",
        "MINOR_CHILD, 2008-11-24, ",
        "MINOR_CHILD, 2008-11-23, NOT_A_MINOR",
        "ADOPTED_MINOR_CHILD, 2010-01-01, ",
        "ADOPTED_MINOR_CHILD, 2008-11-23, NOT_A_MINOR",
        "MINOR_SIBLING_UNDER_GUARDIANSHIP, 2012-01-01, ",
        "MINOR_SIBLING_UNDER_GUARDIANSHIP, 2000-01-01, NOT_A_MINOR",
        "INCAPABLE_ADULT_CHILD, 2008-11-23, ",
        "INCAPABLE_ADULT_CHILD, 2008-11-24, NOT_AN_ADULT",
        "DEPENDENT_ADULT_CHILD, 2005-01-01, ",
        "DEPENDENT_ADULT_CHILD, 2010-01-01, NOT_AN_ADULT",
        "DEPENDENT_PARENT, 1960-01-01, "
    })
    void checksTheRelationshipAgainstTheAgeOnTheSubmissionDate(
            Relationship relationship, LocalDate dateOfBirth, String refusal) {
        Member member = new Member(MemberId.newId(), "X", relationship, dateOfBirth, "BRA", false);
        assertOutcome(member, refusal);
    }

    /** The minors track: a minor reunified from inside Portugal must be present on the submission date. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "entered before the submission date, 2024-01-01, , , ",
        "entered on the submission date, 2026-11-23, , , ",
        "enters after the submission date, 2026-11-24, , , MINOR_NOT_PRESENT_ON_SUBMISSION",
        "lives in Brazil on the submission date, , BRA, , MINOR_NOT_PRESENT_ON_SUBMISSION",
        "left Brazil the day before, , BRA, 2026-11-22, ",
    })
    void aMinorFromInsidePortugalMustBePresentOnTheSubmissionDate(
            String description, LocalDate since, String abroadIn, LocalDate abroadUntil, String refusal) {
        List<Residence> history =
                abroadIn == null ? null : List.of(new Residence(abroadIn, LocalDate.of(2016, 5, 20), abroadUntil));
        Member minor = new Member(
                MemberId.newId(),
                "R",
                Relationship.MINOR_CHILD,
                LocalDate.of(2016, 5, 20),
                "BRA",
                true,
                since,
                history,
                null);
        assertOutcome(minor, refusal);
    }

    private static void assertOutcome(Member member, String refusal) {
        if (refusal == null) {
            assertThatCode(() -> Eligibility.check(SUBMITTED_ON, List.of(member)))
                    .doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> Eligibility.check(SUBMITTED_ON, List.of(member)))
                    .isInstanceOfSatisfying(NotEligible.class, e -> org.assertj.core.api.Assertions.assertThat(e.code())
                            .isEqualTo(refusal));
        }
    }
}
