package pt.aima.operations.web;

import java.util.List;
import pt.aima.platform.web.ProblemDetailsAdvice.FieldProblem;

/** A query parameter the API cannot use (HTTP 400 naming it). */
class InvalidRequest extends RuntimeException {

    private final List<FieldProblem> errors;

    InvalidRequest(List<FieldProblem> errors) {
        super(errors.toString());
        this.errors = List.copyOf(errors);
    }

    static InvalidRequest of(String field, String message) {
        return new InvalidRequest(List.of(new FieldProblem(field, message)));
    }

    List<FieldProblem> errors() {
        return errors;
    }
}
