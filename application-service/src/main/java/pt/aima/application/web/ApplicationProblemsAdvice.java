package pt.aima.application.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import pt.aima.application.casefile.NotEligible;

/**
 * The problems of application-service beyond the platform's ({@code ProblemDetailsAdvice}): a registration that fails
 * a rule of eligibility is 422 with the rule's code, the member and the reason.
 */
@RestControllerAdvice
class ApplicationProblemsAdvice {

    private static final URI NOT_ELIGIBLE = URI.create("https://aima.gov.pt/problems/not-eligible");

    @ExceptionHandler(NotEligible.class)
    ProblemDetail notEligible(NotEligible e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setType(NOT_ELIGIBLE);
        problem.setTitle("Not eligible for family reunification");
        problem.setProperty("rule", e.code());
        if (e.memberIndex() != null) {
            problem.setProperty("member", e.memberIndex());
        }
        return problem;
    }
}
