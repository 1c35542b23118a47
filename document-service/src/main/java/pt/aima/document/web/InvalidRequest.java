package pt.aima.document.web;

import java.util.List;
import pt.aima.platform.web.ProblemDetailsAdvice.FieldProblem;

/**
 * A request whose parts the endpoint refuses before the case sees it (an upload that breaks the document policy, an
 * unknown document type); each bad part is named (400).
 */
class InvalidRequest extends RuntimeException {

    private final List<FieldProblem> problems;

    InvalidRequest(List<FieldProblem> problems) {
        super("invalid request: " + problems);
        this.problems = List.copyOf(problems);
    }

    List<FieldProblem> problems() {
        return problems;
    }
}
