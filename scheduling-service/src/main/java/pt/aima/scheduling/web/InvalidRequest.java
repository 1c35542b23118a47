package pt.aima.scheduling.web;

import java.util.List;
import pt.aima.platform.web.ProblemDetailsAdvice.FieldProblem;

/** A request whose fields are well-formed but not acceptable (a date in the past, a period ending before it starts). */
public class InvalidRequest extends RuntimeException {

    private final List<FieldProblem> errors;

    public InvalidRequest(List<FieldProblem> errors) {
        super(errors.toString());
        this.errors = List.copyOf(errors);
    }

    public static InvalidRequest of(String field, String message) {
        return new InvalidRequest(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
