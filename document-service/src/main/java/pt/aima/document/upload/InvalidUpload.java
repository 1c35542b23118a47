package pt.aima.document.upload;

import java.util.List;
import pt.aima.platform.web.ProblemDetailsAdvice.FieldProblem;

/** An upload that breaks the document policy or names no checklist item; each bad part is named. */
public class InvalidUpload extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidUpload(List<FieldProblem> problems) {
        super("invalid upload: " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
