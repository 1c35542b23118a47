package pt.aima.application.backlog;

/** What is wrong, as an import's report names it: with one line of the file, or with the whole file. */
public enum ProblemCode {

    /**
     * A row that is not a row of the format: not valid CSV (a quote left open or misplaced), the wrong number of fields,
     * a missing or invalid value.
     */
    MALFORMED,
    /** A relationship that is not one of Lei 23/2007's. */
    UNKNOWN_RELATIONSHIP,
    /** A date that is not a day of the calendar, or impossible for its case (born after submission, in the future). */
    IMPOSSIBLE_DATE,
    /** A legacy number already used by an earlier case in the file: the later case is not imported. */
    DUPLICATE_LEGACY_NUMBER,
    /** A row whose case columns differ from its case's first row. */
    INCONSISTENT_CASE,
    /** The last line, cut short without a line break: the file was cut in transfer. */
    TRUNCATED,
    /** A case that fails a rule of eligibility, the same as for a new registration. */
    NOT_ELIGIBLE,
    /** A valid case whose registration itself failed; importing the file again retries it. */
    NOT_REGISTERED,
    /** The whole file: empty, no header, or a header and no case. */
    EMPTY_FILE,
    /** The whole file: its first line is not the header. */
    BAD_HEADER,
    /** The whole file: a byte sequence that is not UTF-8. */
    NOT_UTF8
}
