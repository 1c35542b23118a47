package pt.aima.document.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import pt.aima.document.casedocuments.DocumentNotFound;
import pt.aima.document.casedocuments.NotOnChecklist;
import pt.aima.platform.web.ProblemDetailsAdvice;
import pt.aima.platform.web.ProblemDetailsAdvice.FieldProblem;

/**
 * The refusals particular to documents, in the platform's problem format: a request refused by its endpoint or by the
 * case names each bad part or field (400), as the platform does for JSON bodies; an unknown document is 404.
 */
@RestControllerAdvice
class DocumentProblemsAdvice {

    @ExceptionHandler(InvalidRequest.class)
    ProblemDetail invalidRequest(InvalidRequest e) {
        return ProblemDetailsAdvice.invalidRequest(e.problems());
    }

    @ExceptionHandler(NotOnChecklist.class)
    ProblemDetail notOnChecklist(NotOnChecklist e) {
        return ProblemDetailsAdvice.invalidRequest(List.of(new FieldProblem(e.field(), e.getMessage())));
    }

    @ExceptionHandler(ContentErased.class)
    ProblemDetail contentErased(ContentErased e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.GONE,
                "The uploaded copy was deleted when the applicant's personal data was erased; its digest and size"
                        + " remain in the case's history.");
        problem.setTitle("Document content erased");
        problem.setProperty("rule", "PERSONAL_DATA_ERASED");
        return problem;
    }

    @ExceptionHandler(DocumentNotFound.class)
    ProblemDetail documentNotFound(DocumentNotFound e) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such document in this case.");
        problem.setTitle("Document not found");
        return problem;
    }
}
