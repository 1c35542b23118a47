package pt.aima.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import pt.aima.platform.domain.BusinessRuleViolation;
import pt.aima.platform.domain.CaseNotFound;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * RFC 9457 problem details for every refusal: invalid input names each bad field (400), an unknown case is 404, a
 * command the case's state does not allow is 409 with the rule and its reason.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    public static final URI INVALID_REQUEST = URI.create("https://aima.gov.pt/problems/invalid-request");
    public static final URI CASE_NOT_FOUND = URI.create("https://aima.gov.pt/problems/case-not-found");
    public static final URI RULE_VIOLATED = URI.create("https://aima.gov.pt/problems/business-rule");

    public record FieldProblem(String field, String message) {}

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> fields = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest().headers(headers).body(invalidRequest(fields));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> fields = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldProblem(
                                result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().headers(headers).body(invalidRequest(fields));
    }

    /**
     * A body field the API does not know is refused (the platform sets Jackson's FAIL_ON_UNKNOWN_PROPERTIES for
     * request bodies) rather than ignored: a misspelt field would otherwise silently take its default. 400 naming it;
     * likewise a required true/false left out (Jackson reports that one first when a field is misspelt) or a value of
     * the wrong type.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            FieldProblem problem = fieldProblem(cause);
            if (problem != null) {
                return ResponseEntity.badRequest().headers(headers).body(invalidRequest(List.of(problem)));
            }
        }
        return super.handleHttpMessageNotReadable(e, headers, status, request);
    }

    /** The field the body could not be read for, e.g. {@code members[0].presentInPortgual}; null for other causes. */
    private static FieldProblem fieldProblem(Throwable cause) {
        if (!(cause instanceof MismatchedInputException mismatch)) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : mismatch.getPath()) {
            append(path, reference.getPropertyName(), reference.getIndex());
        }
        if (mismatch instanceof UnrecognizedPropertyException unknown) {
            return new FieldProblem(
                    path.isEmpty() ? unknown.getPropertyName() : path.toString(), "is not a field of this request");
        }
        if (path.isEmpty()) {
            return null;
        }
        String original = String.valueOf(mismatch.getOriginalMessage());
        return new FieldProblem(
                path.toString(),
                original.startsWith("Cannot map `null`") ? "is required" : "has the wrong type or format");
    }

    private static void append(StringBuilder path, String property, int index) {
        if (property != null) {
            if (!path.isEmpty()) {
                path.append('.');
            }
            path.append(property);
        } else if (index >= 0) {
            path.append('[').append(index).append(']');
        }
    }

    /** 400 naming each bad field; services answering their own field checks use the same shape. */
    public static ProblemDetail invalidRequest(List<FieldProblem> fields) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid fields.");
        problem.setType(INVALID_REQUEST);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", fields);
        return problem;
    }

    /** A query parameter the endpoint cannot use: 400 naming it, like a bad body field. */
    @ExceptionHandler(InvalidParameter.class)
    ResponseEntity<ProblemDetail> invalidParameter(InvalidParameter e) {
        return ResponseEntity.badRequest().body(invalidRequest(List.of(new FieldProblem(e.parameter(), e.problem()))));
    }

    @ExceptionHandler({CaseNotFound.class, AggregateNotFoundException.class})
    ProblemDetail caseNotFound(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such case.");
        problem.setType(CASE_NOT_FOUND);
        problem.setTitle("Case not found");
        return problem;
    }

    @ExceptionHandler(BusinessRuleViolation.class)
    ProblemDetail ruleViolated(BusinessRuleViolation e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(RULE_VIOLATED);
        problem.setTitle("Not allowed in the case's current state");
        problem.setProperties(Map.of("rule", e.code()));
        return problem;
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ProblemDetail concurrentChange(ConflictingAggregateVersionException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONFLICT, "The case was changed concurrently; read it again and retry.");
        problem.setTitle("Concurrent change");
        return problem;
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail accessDenied(AccessDeniedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Forbidden");
        return problem;
    }
}
