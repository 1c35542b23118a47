package pt.aima.application.web;

import pt.aima.application.casefile.NotEligible;

/**
 * A registration refused by a rule of eligibility, to be told in the language the applicant asked AIMA to write to them
 * in (the registration's {@code contact.preferredLanguage}).
 */
class RefusedRegistration extends RuntimeException {

    private final NotEligible refusal;
    private final String language;

    RefusedRegistration(NotEligible refusal, String language) {
        super(refusal.getMessage(), refusal);
        this.refusal = refusal;
        this.language = language;
    }

    NotEligible refusal() {
        return refusal;
    }

    String language() {
        return language;
    }
}
