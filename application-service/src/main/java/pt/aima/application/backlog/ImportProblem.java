package pt.aima.application.backlog;

/**
 * One bad line of an import (or the whole file, when {@code code} is EMPTY_FILE, BAD_HEADER or NOT_UTF8).
 *
 * @param line the 1-based line number (the header is line 1); 0 when the file has no lines
 * @param legacyNumber the case the line belongs to, when known
 * @param code the name of a {@link ProblemCode}; kept as text, the form in which import events store it
 */
public record ImportProblem(int line, String legacyNumber, String code, String reason) {

    public static ImportProblem of(int line, String legacyNumber, ProblemCode code, String reason) {
        return new ImportProblem(line, legacyNumber, code.name(), reason);
    }
}
