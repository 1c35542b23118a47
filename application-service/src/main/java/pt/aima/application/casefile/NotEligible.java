package pt.aima.application.casefile;

/**
 * A registration refused because a rule of eligibility fails (Lei 23/2007, arts. 98-99): nothing is stored, and the
 * applicant is told which rule fails for which member.
 */
public class NotEligible extends RuntimeException {

    private final String code;
    private final Integer memberIndex;

    public NotEligible(String code, Integer memberIndex, String reason) {
        super(reason);
        this.code = code;
        this.memberIndex = memberIndex;
    }

    /** Stable code: {@code RELATIONSHIP_NOT_ELIGIBLE}, {@code NOT_A_MINOR}, {@code NOT_AN_ADULT}, {@code MINOR_NOT_PRESENT_ON_SUBMISSION}. */
    public String code() {
        return code;
    }

    /** The position of the member in the registration's members, or null when the whole application is concerned. */
    public Integer memberIndex() {
        return memberIndex;
    }
}
