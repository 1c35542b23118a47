package pt.aima.application.backlog;

import static pt.aima.application.backlog.ProblemCode.BAD_HEADER;
import static pt.aima.application.backlog.ProblemCode.DUPLICATE_LEGACY_NUMBER;
import static pt.aima.application.backlog.ProblemCode.EMPTY_FILE;
import static pt.aima.application.backlog.ProblemCode.IMPOSSIBLE_DATE;
import static pt.aima.application.backlog.ProblemCode.INCONSISTENT_CASE;
import static pt.aima.application.backlog.ProblemCode.MALFORMED;
import static pt.aima.application.backlog.ProblemCode.NOT_UTF8;
import static pt.aima.application.backlog.ProblemCode.TRUNCATED;
import static pt.aima.application.backlog.ProblemCode.UNKNOWN_RELATIONSHIP;
import static pt.aima.backlog.format.LegacyColumn.APPLICANT_ID;
import static pt.aima.backlog.format.LegacyColumn.CASE_COLUMNS;
import static pt.aima.backlog.format.LegacyColumn.DATE_OF_BIRTH;
import static pt.aima.backlog.format.LegacyColumn.DESK_REGION;
import static pt.aima.backlog.format.LegacyColumn.EMAIL;
import static pt.aima.backlog.format.LegacyColumn.HEADER;
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
import static pt.aima.backlog.format.LegacyColumn.SUBMITTED_ON;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import pt.aima.backlog.format.LegacyColumn;
import pt.aima.kernel.application.Relationship;

/**
 * Reads a legacy SEF case file ({@code docs/legacy-case-format.md}, its columns in {@link LegacyColumn}): checks the
 * whole file first (encoding, header, emptiness), then groups the rows into cases and checks each row. A case with any
 * bad row is rejected whole, every bad row reported with its line number. Pure: no storage, no clock but the one given.
 */
public final class LegacyCaseFile {

    private static final int FIELDS = LegacyColumn.values().length;
    private static final int MAX_MEMBERS = 20;
    private static final String CASE_COLUMNS_NAMED =
            CASE_COLUMNS.stream().map(LegacyColumn::header).collect(Collectors.joining(","));
    private static final Pattern LEGACY_NUMBER_PATTERN = Pattern.compile("[A-Z0-9/-]{4,40}");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{3}");
    private static final Pattern EMAIL_PATTERN = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> PARTNER_TYPES = Set.of("CLAIM", "MUNICIPALITY", "PROFESSIONAL_ASSOCIATION");

    /** One family member, from one line. */
    public record LegacyMember(
            int line,
            String fullName,
            Relationship relationship,
            LocalDate dateOfBirth,
            String nationality,
            boolean presentInPortugal,
            LocalDate presentInPortugalSince) {}

    /** One valid case: its rows, in file order. */
    public record LegacyCase(
            String legacyNumber,
            int firstLine,
            LocalDate submittedOn,
            String sponsorName,
            String sponsorPermit,
            String partnerType,
            String partnerName,
            String deskRegion,
            String applicantId,
            String email,
            String language,
            List<LegacyMember> members) {}

    /**
     * What the file holds.
     *
     * @param fileProblem set when the whole file is refused (nothing in it is registered); the rest is then empty
     * @param lines the number of lines, header included
     * @param caseCount every case in the file, valid or not
     * @param cases the valid cases, in file order
     * @param problems every bad line, in file order
     * @param rejectedCases the cases with at least one bad line
     */
    public record Contents(
            ImportProblem fileProblem,
            int lines,
            int caseCount,
            List<LegacyCase> cases,
            List<ImportProblem> problems,
            int rejectedCases) {

        static Contents refused(ImportProblem problem, int lines) {
            return new Contents(problem, lines, 0, List.of(), List.of(problem), 0);
        }
    }

    private LegacyCaseFile() {}

    public static Contents read(byte[] content, LocalDate today) {
        if (content.length == 0) {
            return Contents.refused(ImportProblem.of(0, null, EMPTY_FILE, "the file is empty"), 0);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (content[i] == '\n') {
                    line++;
                }
            }
            return Contents.refused(
                    ImportProblem.of(
                            line,
                            null,
                            NOT_UTF8,
                            "byte " + at + " (0x" + String.format("%02X", content[at] & 0xff) + ") on line " + line
                                    + " is not UTF-8: save the file as UTF-8 and import it again; nothing was"
                                    + " registered"),
                    0);
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        boolean endsWithNewline = text.endsWith("\n");
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (endsWithNewline) {
            lines.removeLast();
        }
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.endsWith("\r")) {
                lines.set(i, l.substring(0, l.length() - 1));
            }
        }
        if (lines.stream().allMatch(String::isBlank)) {
            return Contents.refused(ImportProblem.of(1, null, EMPTY_FILE, "the file holds no header"), lines.size());
        }
        if (!HEADER.equals(lines.getFirst().strip())) {
            return Contents.refused(
                    ImportProblem.of(1, null, BAD_HEADER, "line 1 must be the header: " + HEADER), lines.size());
        }
        if (lines.stream().skip(1).allMatch(String::isBlank)) {
            return Contents.refused(
                    ImportProblem.of(2, null, EMPTY_FILE, "the file holds a header and no case"), lines.size());
        }

        List<LegacyCase> cases = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int caseCount = 0;
        int rejected = 0;
        int i = 1;
        while (i < lines.size()) {
            if (lines.get(i).isBlank()) {
                i++;
                continue;
            }
            String legacy = legacyNumberOf(lines.get(i));
            List<Integer> run = new ArrayList<>();
            while (i < lines.size()
                    && !lines.get(i).isBlank()
                    && legacyNumberOf(lines.get(i)).equals(legacy)) {
                run.add(i);
                i++;
            }
            caseCount++;
            List<ImportProblem> caseProblems = new ArrayList<>();
            LegacyCase parsed = readCase(legacy, run, lines, endsWithNewline, today, seen, caseProblems);
            if (parsed != null && caseProblems.isEmpty()) {
                cases.add(parsed);
            } else {
                rejected++;
                problems.addAll(caseProblems);
            }
        }
        return new Contents(null, lines.size(), caseCount, cases, problems, rejected);
    }

    private static LegacyCase readCase(
            String legacy,
            List<Integer> run,
            List<String> lines,
            boolean endsWithNewline,
            LocalDate today,
            Set<String> seen,
            List<ImportProblem> problems) {
        String reference = legacy.isEmpty() ? null : legacy;
        boolean duplicate = !legacy.isEmpty() && !seen.add(legacy);
        if (duplicate) {
            for (int index : run) {
                problems.add(ImportProblem.of(
                        index + 1,
                        reference,
                        DUPLICATE_LEGACY_NUMBER,
                        "the legacy number " + legacy + " appeared earlier in the file: this second case is not"
                                + " imported"));
            }
            return null;
        }
        Row first = null;
        List<LegacyMember> members = new ArrayList<>();
        LocalDate submittedOn = null;
        for (int index : run) {
            int line = index + 1;
            String raw = lines.get(index);
            String[] fields = raw.split(",", -1);
            if (raw.contains("\"")) {
                problems.add(malformed(line, reference, "quotes are not allowed (no field may contain a comma)"));
                continue;
            }
            if (fields.length != FIELDS) {
                boolean last = index == lines.size() - 1;
                if (last && !endsWithNewline) {
                    problems.add(ImportProblem.of(
                            line,
                            reference,
                            TRUNCATED,
                            "the file ends in the middle of line " + line + " (" + fields.length + " of " + FIELDS
                                    + " fields, no line break): the file was cut; this case is not imported"));
                } else {
                    problems.add(malformed(line, reference, "expected " + FIELDS + " fields, found " + fields.length));
                }
                continue;
            }
            Row row = Row.of(fields);
            if (first == null) {
                first = row;
                String problem = caseColumnsProblem(row);
                if (problem != null) {
                    problems.add(malformed(line, reference, problem));
                    continue;
                }
                DateOrProblem submitted = date(row, SUBMITTED_ON);
                if (submitted.problem != null) {
                    problems.add(ImportProblem.of(line, reference, submitted.code, submitted.problem));
                    continue;
                }
                submittedOn = submitted.date;
                if (submittedOn.isAfter(today)) {
                    problems.add(ImportProblem.of(
                            line, reference, IMPOSSIBLE_DATE, "submitted_on " + submittedOn + " is in the future"));
                    continue;
                }
            } else if (!row.describesTheSameCaseAs(first)) {
                problems.add(ImportProblem.of(
                        line,
                        reference,
                        INCONSISTENT_CASE,
                        "the case columns (" + CASE_COLUMNS_NAMED + ") differ from the case's first line"));
                continue;
            }
            LegacyMember member = member(line, reference, row, submittedOn, today, problems);
            if (member != null) {
                members.add(member);
            }
        }
        if (!problems.isEmpty() || first == null) {
            return null;
        }
        if (members.size() > MAX_MEMBERS) {
            problems.add(malformed(
                    run.get(MAX_MEMBERS) + 1, reference, "a case names at most " + MAX_MEMBERS + " family members"));
            return null;
        }
        return new LegacyCase(
                legacy,
                run.getFirst() + 1,
                submittedOn,
                first.get(SPONSOR_NAME),
                first.get(SPONSOR_PERMIT),
                first.get(PARTNER_TYPE),
                first.get(PARTNER_NAME),
                first.get(DESK_REGION),
                first.get(APPLICANT_ID),
                first.get(EMAIL),
                first.get(LANGUAGE),
                members);
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
        return new LegacyMember(line, row.get(MEMBER_NAME), relationship, born.date, nationality, present, since);
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

    private static String legacyNumberOf(String line) {
        return line.split(",", -1)[LEGACY_NUMBER.ordinal()].strip();
    }

    private static ImportProblem malformed(int line, String reference, String reason) {
        return ImportProblem.of(line, reference, MALFORMED, reason);
    }

    /** One row, each field stripped of surrounding blanks, read by column. */
    private record Row(String[] fields) {

        static Row of(String[] fields) {
            String[] stripped = new String[fields.length];
            for (int k = 0; k < fields.length; k++) {
                stripped[k] = fields[k].strip();
            }
            return new Row(stripped);
        }

        String get(LegacyColumn column) {
            return fields[column.ordinal()];
        }

        boolean describesTheSameCaseAs(Row other) {
            return CASE_COLUMNS.stream().allMatch(column -> get(column).equals(other.get(column)));
        }
    }
}
