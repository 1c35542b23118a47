package pt.aima.scheduling.web;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import pt.aima.platform.web.ProblemDetailsAdvice;

/** The scheduler's own refusals, in the platform's RFC 9457 form. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SchedulingProblems {

    static final URI DESK_NOT_FOUND = URI.create("https://aima.gov.pt/problems/desk-not-found");

    @ExceptionHandler(InvalidRequest.class)
    ProblemDetail invalid(InvalidRequest e) {
        return ProblemDetailsAdvice.invalidRequest(e.errors());
    }

    @ExceptionHandler(DeskNotFound.class)
    ProblemDetail deskNotFound(DeskNotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such desk.");
        problem.setType(DESK_NOT_FOUND);
        problem.setTitle("Desk not found");
        return problem;
    }
}
