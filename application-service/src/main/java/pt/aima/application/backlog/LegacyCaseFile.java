package pt.aima.application.backlog;

import static pt.aima.application.backlog.ProblemCode.BAD_HEADER;
import static pt.aima.application.backlog.ProblemCode.DUPLICATE_LEGACY_NUMBER;
import static pt.aima.application.backlog.ProblemCode.EMPTY_FILE;
import static pt.aima.application.backlog.ProblemCode.IMPOSSIBLE_DATE;
import static pt.aima.application.backlog.ProblemCode.INCONSISTENT_CASE;
import static pt.aima.application.backlog.ProblemCode.MALFORMED;
import static pt.aima.application.backlog.ProblemCode.NOT_UTF8;
import static pt.aima.application.backlog.ProblemCode.TRUNCATED;
import static pt.aima.application.backlog.ProblemCode.UNKNOWN_REGION;
import static pt.aima.application.backlog.ProblemCode.UNKNOWN_RELATIONSHIP;
import static pt.aima.backlog.format.LegacyColumn.APPLICANT_ID;
import static pt.aima.backlog.format.LegacyColumn.CASE_COLUMNS;
import static pt.aima.backlog.format.LegacyColumn.DATE_OF_BIRTH;
import static pt.aima.backlog.format.LegacyColumn.DESK_REGION;
import static pt.aima.backlog.format.LegacyColumn.EMAIL;
import static pt.aima.backlog.format.LegacyColumn.HEADER;
import static pt.aima.backlog.format.LegacyColumn.HEADER_BEFORE_STAY;
import static pt.aima.backlog.format.LegacyColumn.LANGUAGE;
import static pt.aima.backlog.format.LegacyColumn.LEGACY_NUMBER;
import static pt.aima.backlog.format.LegacyColumn.MEMBER_NAME;
import static pt.aima.backlog.format.LegacyColumn.NATIONALITY;
import static pt.aima.backlog.format.LegacyColumn.PARTNER_NAME;
import static pt.aima.backlog.format.LegacyColumn.PARTNER_TYPE;
import static pt.aima.backlog.format.LegacyColumn.PRESENT_IN_PORTUGAL;
import static pt.aima.backlog.format.LegacyColumn.PRESENT_SINCE;
import static pt.aima.backlog.format.LegacyColumn.RELATIONSHIP;
import static pt.aima.backlog.format.LegacyColumn.SPONSOR_NAME;
import static pt.aima.backlog.format.LegacyColumn.SPONSOR_PERMIT;
import static pt.aima.backlog.format.LegacyColumn.STAY_ENDS_ON;
import static pt.aima.backlog.format.LegacyColumn.SUBMITTED_ON;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import pt.aima.application.backlog.Utf8LineReader.NotUtf8;
import pt.aima.backlog.format.LegacyColumn;
import pt.aima.backlog.format.LegacyCsv;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.application.Relationship;

/**
 * Reads a legacy SEF case file ({@code docs/legacy-case-format.md}, its columns in {@link LegacyColumn}, its RFC 4180
 * dialect in {@link LegacyCsv}) as a stream, in one pass: it holds the current record and the current case, never the
 * file. Rows are grouped into cases, each row checked; a case with any bad row is rejected whole, every bad row
 * reported with the line it starts on. Pure: no storage, no clock but the one given.
 *
 * <p>Whole-file problems (not UTF-8, no header, nothing after it) are known only at the end of the stream: a caller
 * that acts on the valid cases as they come must wait for the result before it registers any (the importer reads a
 * file twice: this pass, then registration).
 */
public final class LegacyCaseFile {

    private static final int MAX_MEMBERS = 20;
    /** Far beyond any real row (17 fields of at most a few hundred characters): a record this long is a lost quote. */
    private static final int MAX_RECORD_CHARS = 1 << 16;

    private static final List<String> HEADERS =
            Arrays.stream(LegacyColumn.values()).map(LegacyColumn::header).toList();
    private static final List<String> HEADERS_BEFORE_STAY =
            LegacyColumn.BEFORE_STAY.stream().map(LegacyColumn::header).toList();
    private static final String CASE_COLUMNS_NAMED =
            CASE_COLUMNS.stream().map(LegacyColumn::header).collect(Collectors.joining(","));
    private static final Pattern LEGACY_NUMBER_PATTERN = Pattern.compile("[A-Z0-9/-]{4,40}");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{3}");
    private static final Pattern EMAIL_PATTERN = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> PARTNER_TYPES = Set.of("CLAIM", "MUNICIPALITY", "PROFESSIONAL_ASSOCIATION");

    /**
     * One family member, from one row.
     *
     * @param stayEndsOn the last day of the member's current lawful stay in Portugal; null when not given (always in a
     *     file without the column)
     */
    public record LegacyMember(
            int line,
            String fullName,
            Relationship relationship,
            LocalDate dateOfBirth,
            String nationality,
            boolean presentInPortugal,
            LocalDate presentInPortugalSince,
            LocalDate stayEndsOn) {}

    /**
     * One valid case: its rows, in file order.
     *
     * @param deskRegion the file's desk_region: the region where the household lives, from the published list
     */
    public record LegacyCase(
            String legacyNumber,
            int firstLine,
            LocalDate submittedOn,
            String sponsorName,
            String sponsorPermit,
            String partnerType,
            String partnerName,
            Region deskRegion,
            String applicantId,
            String email,
            String language,
            List<LegacyMember> members) {}

    /**
     * What the file holds (its valid cases went to the reader's consumer).
     *
     * @param fileProblem set when the whole file is refused (nothing in it may be registered); the counts are then 0
     * @param lines the number of physical lines, header included
     * @param caseCount every case in the file, valid or not
     * @param validCases the cases handed to the consumer
     * @param problems every bad row, in file order
     * @param rejectedCases the cases with at least one bad row
     */
    public record Contents(
            ImportProblem fileProblem,
            int lines,
            int caseCount,
            int validCases,
            List<ImportProblem> problems,
            int rejectedCases) {

        static Contents refused(ImportProblem problem, int lines) {
            return new Contents(problem, lines, 0, 0, List.of(problem), 0);
        }
    }

    private LegacyCaseFile() {}

    /**
     * Reads the file from the stream to its end, handing each valid case to {@code validCases} as soon as its last row
     * is read.
     *
     * @throws UncheckedIOException when the stream itself fails
     */
    public static Contents read(InputStream content, LocalDate today, Consumer<LegacyCase> validCases) {
        Utf8LineReader lines = new Utf8LineReader(content);
        try {
            return read(lines, today, validCases);
        } catch (NotUtf8 e) {
            return Contents.refused(
                    ImportProblem.of(
                            e.line,
                            null,
                            NOT_UTF8,
                            e.getMessage() + ": save the file as UTF-8 and import it again; nothing was registered"),
                    0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Contents read(Utf8LineReader lines, LocalDate today, Consumer<LegacyCase> validCases)
            throws IOException {
        Records records = new Records(lines);
        Record header = records.next();
        if (header == null) {
            return lines.bytes() == 0
                    ? Contents.refused(ImportProblem.of(0, null, EMPTY_FILE, "the file is empty"), 0)
                    : Contents.refused(ImportProblem.of(1, null, EMPTY_FILE, "the file holds no header"), 1);
        }
        if (header.blank()) {
            boolean anything = records.skipBlank() != null;
            drain(lines);
            return Contents.refused(
                    anything
                            ? ImportProblem.of(1, null, BAD_HEADER, "line 1 must be the header: " + HEADER)
                            : ImportProblem.of(1, null, EMPTY_FILE, "the file holds no header"),
                    lines.lines());
        }
        if (header.fields() == null
                || !(header.fields().equals(HEADERS) || header.fields().equals(HEADERS_BEFORE_STAY))) {
            drain(lines);
            return Contents.refused(
                    ImportProblem.of(
                            1,
                            null,
                            BAD_HEADER,
                            "line 1 must be the header: " + HEADER + " (or, without the optional stay_ends_on, "
                                    + HEADER_BEFORE_STAY + ")"),
                    lines.lines());
        }
        // the header says whether the rows carry the optional trailing column
        int fields = header.fields().size();
        Record record = records.skipBlank();
        if (record == null) {
            return Contents.refused(
                    ImportProblem.of(2, null, EMPTY_FILE, "the file holds a header and no case"), lines.lines());
        }
        List<ImportProblem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int caseCount = 0;
        int valid = 0;
        int rejected = 0;
        CaseRun run = null;
        for (; record != null; record = records.next()) {
            if (record.blank()) {
                continue;
            }
            if (run == null || !run.legacy.equals(record.legacyNumber())) {
                if (run != null) {
                    if (run.finish(validCases, problems)) {
                        valid++;
                    } else {
                        rejected++;
                    }
                }
                String legacy = record.legacyNumber();
                run = new CaseRun(legacy, !legacy.isEmpty() && !seen.add(legacy), today, fields);
                caseCount++;
            }
            run.add(record);
        }
        if (run.finish(validCases, problems)) {
            valid++;
        } else {
            rejected++;
        }
        return new Contents(null, lines.lines(), caseCount, valid, problems, rejected);
    }

    /** Reads to the end without parsing: the file is refused already, but its encoding and length still count. */
    private static void drain(Utf8LineReader lines) throws IOException {
        while (lines.readLine() != null) {
            // counted by the reader
        }
    }

    /**
     * One CSV record: the physical line it starts on, its fields (stripped), or why it is not a record. {@code cut}
     * when it is the last and the file ends without a line break after it.
     */
    private record Record(int line, List<String> fields, String problem, String firstField, boolean cut) {

        boolean blank() {
            return fields != null && fields.size() == 1 && fields.getFirst().isEmpty();
        }

        /** The legacy number the record's case is grouped by; for a record that cannot be parsed, its first field. */
        String legacyNumber() {
            return fields != null ? fields.getFirst() : firstField;
        }
    }

    /**
     * Cuts the stream of lines into CSV records and has Commons CSV parse them, one at a time. A record is one line
     * unless a quoted field holds a line break (RFC 4180): the lines are joined while a quote is open, found by the
     * rule the parser applies (a quote opens a field only at its start; {@code ""} inside a quoted field is a quote).
     * The parser is given one record at a time, so every record knows the physical line it starts on, and a record the
     * parser refuses costs only itself: the parser is then replaced and reading goes on with the next record.
     */
    private static final class Records {

        private final Utf8LineReader lines;
        private final Feed feed = new Feed();
        private CSVParser parser;
        private Iterator<CSVRecord> parsed;

        Records(Utf8LineReader lines) {
            this.lines = lines;
        }

        Record skipBlank() throws IOException {
            Record record = next();
            while (record != null && record.blank()) {
                record = next();
            }
            return record;
        }

        Record next() throws IOException {
            String first = lines.readLine();
            if (first == null) {
                return null;
            }
            int start = lines.lines();
            if (first.isBlank()) {
                return new Record(start, List.of(""), null, "", false);
            }
            StringBuilder text = new StringBuilder(first);
            boolean open = opensQuote(first, false);
            boolean tooLong = false;
            while (open) {
                String more = lines.readLine();
                if (more == null) {
                    return new Record(
                            start,
                            null,
                            "a quote opened on line " + start + " is never closed: lines " + start + " to "
                                    + lines.lines() + " (the end of the file) would be one field; close it, and write"
                                    + " a quote inside a quoted field twice (\"\")",
                            firstField(text),
                            true);
                }
                if (!tooLong && text.length() + more.length() < MAX_RECORD_CHARS) {
                    text.append('\n').append(more);
                } else {
                    tooLong = true;
                }
                open = opensQuote(more, true);
            }
            boolean cut = !lines.lastLineEnded();
            if (tooLong) {
                return new Record(
                        start,
                        null,
                        "a quoted field from line " + start + " to line " + lines.lines() + " is longer than "
                                + MAX_RECORD_CHARS + " characters: a quote is probably not closed where it should be",
                        firstField(text),
                        cut);
            }
            if (text.indexOf("\r") >= 0) {
                // the parser would end the record there, and this reader does not: refused rather than guessed
                return new Record(start, null, "a carriage return (\\r) inside the line", firstField(text), cut);
            }
            return parse(start, text, cut);
        }

        private Record parse(int start, StringBuilder text, boolean cut) throws IOException {
            if (parser == null) {
                parser = LegacyCsv.READ.parse(feed);
                parsed = parser.iterator();
            }
            feed.give(text.append('\n'));
            try {
                if (!parsed.hasNext()) {
                    throw new IllegalStateException("no record");
                }
                List<String> fields = parsed.next().stream().map(String::strip).toList();
                return new Record(start, fields, null, fields.getFirst(), cut);
            } catch (UncheckedIOException | IllegalStateException e) {
                // the parser stopped inside the record: it is not reused, the next record gets a fresh one
                parser = null;
                feed.give("");
                String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
                return new Record(
                        start,
                        null,
                        "not valid CSV (" + why + "): a quoted field must end with a quote followed by a comma or the"
                                + " end of the line, and a quote inside it is written twice (\"\")",
                        firstField(text),
                        cut);
            }
        }

        /** What the parser reads: the one record it is given, and nothing before the next is given. */
        private static final class Feed extends Reader {
            private CharSequence text = "";
            private int at;

            void give(CharSequence record) {
                text = record;
                at = 0;
            }

            @Override
            public int read(char[] into, int off, int len) {
                if (at == text.length()) {
                    return -1;
                }
                int n = Math.min(len, text.length() - at);
                for (int i = 0; i < n; i++) {
                    into[off + i] = text.charAt(at + i);
                }
                at += n;
                return n;
            }

            @Override
            public void close() {}
        }

        /**
         * Whether a quoted field is still open at the end of this line.
         *
         * @param inQuotes whether the line starts inside a quoted field (the record's previous line left it open)
         */
        private static boolean opensQuote(String line, boolean inQuotes) {
            boolean fieldStart = !inQuotes;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (inQuotes) {
                    if (c == '"') {
                        if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                            i++;
                        } else {
                            inQuotes = false;
                        }
                    }
                } else if (c == ',') {
                    fieldStart = true;
                } else if (c == '"' && fieldStart) {
                    inQuotes = true;
                    fieldStart = false;
                } else if (!Character.isWhitespace(c)) {
                    fieldStart = false;
                }
            }
            return inQuotes;
        }

        /** The first field of a record that cannot be parsed, as far as it can be told: its case's legacy number. */
        private static String firstField(CharSequence text) {
            String line = text.toString();
            int comma = line.indexOf(',');
            return (comma < 0 ? line : line.substring(0, comma))
                    .replace("\"", "")
                    .strip();
        }
    }

    /** The rows of one case as they are read: checked one by one, the case kept until its last row. */
    private static final class CaseRun {

        private final String legacy;
        private final String reference;
        private final boolean duplicate;
        private final LocalDate today;
        private final int fieldsPerRow;
        private final List<ImportProblem> problems = new ArrayList<>();
        private final List<LegacyMember> members = new ArrayList<>();
        private Row first;
        private int firstLine;
        private LocalDate submittedOn;
        private Region region;
        private int rows;
        private int tooManyAt;

        CaseRun(String legacy, boolean duplicate, LocalDate today, int fieldsPerRow) {
            this.legacy = legacy;
            this.reference = legacy.isEmpty() ? null : legacy;
            this.duplicate = duplicate;
            this.today = today;
            this.fieldsPerRow = fieldsPerRow;
        }

        void add(Record record) {
            int line = record.line();
            if (rows++ == 0) {
                firstLine = line;
            }
            if (rows == MAX_MEMBERS + 1) {
                tooManyAt = line;
            }
            if (duplicate) {
                problems.add(ImportProblem.of(
                        line,
                        reference,
                        DUPLICATE_LEGACY_NUMBER,
                        "the legacy number " + legacy + " appeared earlier in the file: this second case is not"
                                + " imported"));
                return;
            }
            if (record.fields() == null) {
                problems.add(malformed(line, reference, record.problem()));
                return;
            }
            List<String> fields = record.fields();
            if (fields.size() != fieldsPerRow) {
                if (record.cut()) {
                    problems.add(ImportProblem.of(
                            line,
                            reference,
                            TRUNCATED,
                            "the file ends in the middle of line " + line + " (" + fields.size() + " of " + fieldsPerRow
                                    + " fields, no line break): the file was cut; this case is not imported"));
                } else {
                    problems.add(
                            malformed(line, reference, "expected " + fieldsPerRow + " fields, found " + fields.size()));
                }
                return;
            }
            Row row = new Row(fields);
            if (first == null) {
                first = row;
                String problem = caseColumnsProblem(row);
                if (problem != null) {
                    problems.add(malformed(line, reference, problem));
                    return;
                }
                DateOrProblem submitted = date(row, SUBMITTED_ON);
                if (submitted.problem != null) {
                    problems.add(ImportProblem.of(line, reference, submitted.code, submitted.problem));
                    return;
                }
                submittedOn = submitted.date;
                if (submittedOn.isAfter(today)) {
                    problems.add(ImportProblem.of(
                            line, reference, IMPOSSIBLE_DATE, "submitted_on " + submittedOn + " is in the future"));
                    return;
                }
                region = Region.fromCode(row.get(DESK_REGION)).orElse(null);
                if (region == null) {
                    problems.add(ImportProblem.of(
                            line,
                            reference,
                            UNKNOWN_REGION,
                            "desk_region " + row.get(DESK_REGION) + " is not one of "
                                    + Arrays.toString(Region.values())));
                    return;
                }
            } else if (!row.describesTheSameCaseAs(first)) {
                problems.add(ImportProblem.of(
                        line,
                        reference,
                        INCONSISTENT_CASE,
                        "the case columns (" + CASE_COLUMNS_NAMED + ") differ from the case's first line"));
                return;
            }
            LegacyMember member = member(line, reference, row, submittedOn, today, problems);
            if (member != null && members.size() <= MAX_MEMBERS) {
                members.add(member);
            }
        }

        /** Hands the case on if it is valid; true then, false when it is rejected (its problems added). */
        boolean finish(Consumer<LegacyCase> validCases, List<ImportProblem> allProblems) {
            if (problems.isEmpty() && first != null && rows > MAX_MEMBERS) {
                problems.add(
                        malformed(tooManyAt, reference, "a case names at most " + MAX_MEMBERS + " family members"));
            }
            if (!problems.isEmpty() || first == null) {
                allProblems.addAll(problems);
                return false;
            }
            validCases.accept(new LegacyCase(
                    legacy,
                    firstLine,
                    submittedOn,
                    first.get(SPONSOR_NAME),
                    first.get(SPONSOR_PERMIT),
                    first.get(PARTNER_TYPE),
                    first.get(PARTNER_NAME),
                    region,
                    first.get(APPLICANT_ID),
                    first.get(EMAIL),
                    first.get(LANGUAGE),
                    List.copyOf(members)));
            return true;
        }
    }

    private static String caseColumnsProblem(Row row) {
        if (!LEGACY_NUMBER_PATTERN.matcher(row.get(LEGACY_NUMBER)).matches()) {
            return "legacy_number must match " + LEGACY_NUMBER_PATTERN.pattern();
        }
        String blank = firstBlank(
                row,
                SPONSOR_NAME,
                SPONSOR_PERMIT,
                PARTNER_TYPE,
                PARTNER_NAME,
                DESK_REGION,
                APPLICANT_ID,
                EMAIL,
                LANGUAGE);
        if (blank != null) {
            return blank + " is required";
        }
        if (row.get(SPONSOR_NAME).length() > 200
                || row.get(SPONSOR_PERMIT).length() > 50
                || row.get(PARTNER_NAME).length() > 200
                || row.get(DESK_REGION).length() > 50
                || row.get(APPLICANT_ID).length() > 100
                || row.get(EMAIL).length() > 254) {
            return "a field is too long (names 200, permit 50, region 50, applicant_id 100, email 254)";
        }
        if (!PARTNER_TYPES.contains(row.get(PARTNER_TYPE))) {
            return "partner_type must be one of "
                    + PARTNER_TYPES.stream().sorted().toList() + ", not " + row.get(PARTNER_TYPE);
        }
        if (!EMAIL_PATTERN.matcher(row.get(EMAIL)).matches()) {
            return "email is not an e-mail address";
        }
        String language = row.get(LANGUAGE);
        if (!language.equals("pt") && !language.equals("en")) {
            return "language must be pt or en, not " + language;
        }
        return null;
    }

    private static LegacyMember member(
            int line, String reference, Row row, LocalDate submittedOn, LocalDate today, List<ImportProblem> out) {
        String blank = firstBlank(row, MEMBER_NAME, RELATIONSHIP, DATE_OF_BIRTH, NATIONALITY, PRESENT_IN_PORTUGAL);
        if (blank != null) {
            out.add(malformed(line, reference, blank + " is required"));
            return null;
        }
        if (row.get(MEMBER_NAME).length() > 200) {
            out.add(malformed(line, reference, "member_name is longer than 200"));
            return null;
        }
        Relationship relationship = Arrays.stream(Relationship.values())
                .filter(r -> r.name().equals(row.get(RELATIONSHIP)))
                .findFirst()
                .orElse(null);
        if (relationship == null) {
            out.add(ImportProblem.of(
                    line,
                    reference,
                    UNKNOWN_RELATIONSHIP,
                    "relationship " + row.get(RELATIONSHIP) + " is not one of "
                            + Arrays.toString(Relationship.values())));
            return null;
        }
        DateOrProblem born = date(row, DATE_OF_BIRTH);
        if (born.problem != null) {
            out.add(ImportProblem.of(line, reference, born.code, born.problem));
            return null;
        }
        if (submittedOn != null && !born.date.isBefore(submittedOn)) {
            out.add(ImportProblem.of(
                    line,
                    reference,
                    IMPOSSIBLE_DATE,
                    "date_of_birth " + born.date + " is not before submitted_on " + submittedOn));
            return null;
        }
        if (born.date.isBefore(today.minusYears(120))) {
            out.add(ImportProblem.of(
                    line, reference, IMPOSSIBLE_DATE, "date_of_birth " + born.date + " is over 120 years ago"));
            return null;
        }
        String nationality = row.get(NATIONALITY);
        if (!COUNTRY.matcher(nationality).matches()) {
            out.add(malformed(line, reference, "nationality must be an ISO 3166-1 alpha-3 code, not " + nationality));
            return null;
        }
        String presentInPortugal = row.get(PRESENT_IN_PORTUGAL);
        if (!presentInPortugal.equals("true") && !presentInPortugal.equals("false")) {
            out.add(malformed(line, reference, "present_in_portugal must be true or false, not " + presentInPortugal));
            return null;
        }
        boolean present = Boolean.parseBoolean(presentInPortugal);
        LocalDate since = null;
        if (!row.get(PRESENT_SINCE).isEmpty()) {
            if (!present) {
                out.add(malformed(line, reference, "present_since is given only for a member present in Portugal"));
                return null;
            }
            DateOrProblem entered = date(row, PRESENT_SINCE);
            if (entered.problem != null) {
                out.add(ImportProblem.of(line, reference, entered.code, entered.problem));
                return null;
            }
            if (entered.date.isBefore(born.date) || entered.date.isAfter(today)) {
                out.add(ImportProblem.of(
                        line,
                        reference,
                        IMPOSSIBLE_DATE,
                        "present_since " + entered.date + " is before date_of_birth " + born.date
                                + " or in the future"));
                return null;
            }
            since = entered.date;
        }
        LocalDate stayEndsOn = null;
        if (!row.get(STAY_ENDS_ON).isEmpty()) {
            if (!present) {
                out.add(malformed(line, reference, "stay_ends_on is given only for a member present in Portugal"));
                return null;
            }
            DateOrProblem stay = date(row, STAY_ENDS_ON);
            if (stay.problem != null) {
                out.add(ImportProblem.of(line, reference, stay.code, stay.problem));
                return null;
            }
            LocalDate entered = since != null ? since : born.date;
            if (stay.date.isBefore(entered)) {
                out.add(ImportProblem.of(
                        line,
                        reference,
                        IMPOSSIBLE_DATE,
                        "stay_ends_on " + stay.date + " is before "
                                + (since != null ? "present_since " : "date_of_birth ") + entered));
                return null;
            }
            stayEndsOn = stay.date;
        }
        return new LegacyMember(
                line, row.get(MEMBER_NAME), relationship, born.date, nationality, present, since, stayEndsOn);
    }

    private record DateOrProblem(LocalDate date, ProblemCode code, String problem) {}

    private static DateOrProblem date(Row row, LegacyColumn column) {
        String value = row.get(column);
        if (!ISO_DATE.matcher(value).matches()) {
            return new DateOrProblem(
                    null, MALFORMED, column.header() + " must be an ISO date yyyy-MM-dd, not " + value);
        }
        try {
            return new DateOrProblem(LocalDate.parse(value), null, null);
        } catch (DateTimeException e) {
            return new DateOrProblem(
                    null, IMPOSSIBLE_DATE, column.header() + " " + value + " is not a day of the calendar");
        }
    }

    /** The header name of the first of these columns left empty in the row, or null. */
    private static String firstBlank(Row row, LegacyColumn... columns) {
        for (LegacyColumn column : columns) {
            if (row.get(column).isEmpty()) {
                return column.header();
            }
        }
        return null;
    }

    private static ImportProblem malformed(int line, String reference, String reason) {
        return ImportProblem.of(line, reference, MALFORMED, reason);
    }

    /**
     * One row of fields, each stripped of surrounding blanks, read by column; a column the file does not have (the
     * optional trailing one of an older file) reads as empty.
     */
    private record Row(List<String> fields) {

        String get(LegacyColumn column) {
            return column.ordinal() < fields.size() ? fields.get(column.ordinal()) : "";
        }

        boolean describesTheSameCaseAs(Row other) {
            return CASE_COLUMNS.stream().allMatch(column -> get(column).equals(other.get(column)));
        }
    }
}
