package pt.aima.operations.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import pt.aima.platform.web.ProblemDetailsAdvice;

/** operations-service's own refusals, in the platform's RFC 9457 form. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class OperationsProblems {

    @ExceptionHandler(InvalidRequest.class)
    ProblemDetail invalid(InvalidRequest e) {
        return ProblemDetailsAdvice.invalidRequest(e.errors());
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(e.type());
        problem.setTitle(e.title());
        return problem;
    }
}
