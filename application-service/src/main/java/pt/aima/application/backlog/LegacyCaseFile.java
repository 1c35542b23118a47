package pt.aima.application.backlog;

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
import pt.aima.kernel.application.Relationship;

/**
 * Reads a legacy SEF case file ({@code docs/legacy-case-format.md}): checks the whole file first (encoding, header,
 * emptiness), then groups the rows into cases and checks each row. A case with any bad row is rejected whole, every
 * bad row reported with its line number. Pure: no storage, no clock but the one given.
 */
final class LegacyCaseFile {

    static final String HEADER = "legacy_number,submitted_on,sponsor_name,sponsor_permit,partner_type,"
            + "partner_name,desk_region,applicant_id,email,language,member_name,relationship,date_of_birth,"
            + "nationality,present_in_portugal,present_since";
    static final int FIELDS = 16;
    private static final int CASE_FIELDS = 10;
    private static final int MAX_MEMBERS = 20;
    private static final Pattern LEGACY_NUMBER = Pattern.compile("[A-Z0-9/-]{4,40}");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{3}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> PARTNER_TYPES = Set.of("CLAIM", "MUNICIPALITY", "PROFESSIONAL_ASSOCIATION");

    /** One family member, from one line. */
    record LegacyMember(
            int line,
            String fullName,
            Relationship relationship,
            LocalDate dateOfBirth,
            String nationality,
            boolean presentInPortugal,
            LocalDate presentInPortugalSince) {}

    /** One valid case: its rows, in file order. */
    record LegacyCase(
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
    record Contents(
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

    static Contents read(byte[] content, LocalDate today) {
        if (content.length == 0) {
            return Contents.refused(new ImportProblem(0, null, "EMPTY_FILE", "the file is empty"), 0);
        }
        String text;
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
                    new ImportProblem(
                            line,
                            null,
                            "NOT_UTF8",
                            "byte " + at + " (0x" + String.format("%02X", content[at] & 0xff) + ") on line " + line
                                    + " is not UTF-8: save the file as UTF-8 and import it again; nothing was"
                                    + " registered"),
                    0);
        }
        decoder.flush(out);
        out.flip();
        text = out.toString();
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
            return Contents.refused(new ImportProblem(1, null, "EMPTY_FILE", "the file holds no header"), lines.size());
        }
        if (!HEADER.equals(lines.getFirst().strip())) {
            return Contents.refused(
                    new ImportProblem(1, null, "BAD_HEADER", "line 1 must be the header: " + HEADER), lines.size());
        }
        if (lines.stream().skip(1).allMatch(String::isBlank)) {
            return Contents.refused(
                    new ImportProblem(2, null, "EMPTY_FILE", "the file holds a header and no case"), lines.size());
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
            String legacy = lines.get(i).split(",", -1)[0].strip();
            List<Integer> run = new ArrayList<>();
            while (i < lines.size()
                    && !lines.get(i).isBlank()
                    && lines.get(i).split(",", -1)[0].strip().equals(legacy)) {
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
                problems.add(new ImportProblem(
                        index + 1,
                        reference,
                        "DUPLICATE_LEGACY_NUMBER",
                        "the legacy number " + legacy + " appeared earlier in the file: this second case is not"
                                + " imported"));
            }
            return null;
        }
        String[] first = null;
        List<LegacyMember> members = new ArrayList<>();
        LocalDate submittedOn = null;
        for (int index : run) {
            int line = index + 1;
            String raw = lines.get(index);
            String[] f = raw.split(",", -1);
            if (raw.contains("\"")) {
                problems.add(malformed(line, reference, "quotes are not allowed (no field may contain a comma)"));
                continue;
            }
            if (f.length != FIELDS) {
                boolean last = index == lines.size() - 1;
                if (last && !endsWithNewline) {
                    problems.add(new ImportProblem(
                            line,
                            reference,
                            "TRUNCATED",
                            "the file ends in the middle of line " + line + " (" + f.length + " of " + FIELDS
                                    + " fields, no line break): the file was cut; this case is not imported"));
                } else {
                    problems.add(malformed(line, reference, "expected " + FIELDS + " fields, found " + f.length));
                }
                continue;
            }
            for (int k = 0; k < f.length; k++) {
                f[k] = f[k].strip();
            }
            if (first == null) {
                first = f;
                String problem = caseColumnsProblem(f);
                if (problem != null) {
                    problems.add(malformed(line, reference, problem));
                    continue;
                }
                DateOrProblem submitted = date(f[1], "submitted_on");
                if (submitted.problem != null) {
                    problems.add(new ImportProblem(line, reference, submitted.code, submitted.problem));
                    continue;
                }
                submittedOn = submitted.date;
                if (submittedOn.isAfter(today)) {
                    problems.add(new ImportProblem(
                            line, reference, "IMPOSSIBLE_DATE", "submitted_on " + submittedOn + " is in the future"));
                    continue;
                }
            } else if (!Arrays.equals(first, 0, CASE_FIELDS, f, 0, CASE_FIELDS)) {
                problems.add(new ImportProblem(
                        line,
                        reference,
                        "INCONSISTENT_CASE",
                        "the case columns (" + String.join(",", Arrays.copyOf(HEADER.split(","), CASE_FIELDS))
                                + ") differ from the case's first line"));
                continue;
            }
            LegacyMember member = member(line, reference, f, submittedOn, today, problems);
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
                first[2],
                first[3],
                first[4],
                first[5],
                first[6],
                first[7],
                first[8],
                first[9],
                members);
    }

    private static String caseColumnsProblem(String[] f) {
        if (!LEGACY_NUMBER.matcher(f[0]).matches()) {
            return "legacy_number must match " + LEGACY_NUMBER.pattern();
        }
        String blank = firstBlank(f, 2, 3, 4, 5, 6, 7, 8, 9);
        if (blank != null) {
            return blank + " is required";
        }
        if (f[2].length() > 200
                || f[3].length() > 50
                || f[5].length() > 200
                || f[6].length() > 50
                || f[7].length() > 100
                || f[8].length() > 254) {
            return "a field is too long (names 200, permit 50, region 50, applicant_id 100, email 254)";
        }
        if (!PARTNER_TYPES.contains(f[4])) {
            return "partner_type must be one of "
                    + PARTNER_TYPES.stream().sorted().toList() + ", not " + f[4];
        }
        if (!EMAIL.matcher(f[8]).matches()) {
            return "email is not an e-mail address";
        }
        if (!f[9].equals("pt") && !f[9].equals("en")) {
            return "language must be pt or en, not " + f[9];
        }
        return null;
    }

    private static LegacyMember member(
            int line, String reference, String[] f, LocalDate submittedOn, LocalDate today, List<ImportProblem> out) {
        String blank = firstBlank(f, 10, 11, 12, 13, 14);
        if (blank != null) {
            out.add(malformed(line, reference, blank + " is required"));
            return null;
        }
        if (f[10].length() > 200) {
            out.add(malformed(line, reference, "member_name is longer than 200"));
            return null;
        }
        Relationship relationship = Arrays.stream(Relationship.values())
                .filter(r -> r.name().equals(f[11]))
                .findFirst()
                .orElse(null);
        if (relationship == null) {
            out.add(new ImportProblem(
                    line,
                    reference,
                    "UNKNOWN_RELATIONSHIP",
                    "relationship " + f[11] + " is not one of " + Arrays.toString(Relationship.values())));
            return null;
        }
        DateOrProblem born = date(f[12], "date_of_birth");
        if (born.problem != null) {
            out.add(new ImportProblem(line, reference, born.code, born.problem));
            return null;
        }
        if (submittedOn != null && !born.date.isBefore(submittedOn)) {
            out.add(new ImportProblem(
                    line,
                    reference,
                    "IMPOSSIBLE_DATE",
                    "date_of_birth " + born.date + " is not before submitted_on " + submittedOn));
            return null;
        }
        if (born.date.isBefore(today.minusYears(120))) {
            out.add(new ImportProblem(
                    line, reference, "IMPOSSIBLE_DATE", "date_of_birth " + born.date + " is over 120 years ago"));
            return null;
        }
        if (!COUNTRY.matcher(f[13]).matches()) {
            out.add(malformed(line, reference, "nationality must be an ISO 3166-1 alpha-3 code, not " + f[13]));
            return null;
        }
        if (!f[14].equals("true") && !f[14].equals("false")) {
            out.add(malformed(line, reference, "present_in_portugal must be true or false, not " + f[14]));
            return null;
        }
        boolean present = Boolean.parseBoolean(f[14]);
        LocalDate since = null;
        if (!f[15].isEmpty()) {
            if (!present) {
                out.add(malformed(line, reference, "present_since is given only for a member present in Portugal"));
                return null;
            }
            DateOrProblem entered = date(f[15], "present_since");
            if (entered.problem != null) {
                out.add(new ImportProblem(line, reference, entered.code, entered.problem));
                return null;
            }
            if (entered.date.isBefore(born.date) || entered.date.isAfter(today)) {
                out.add(new ImportProblem(
                        line,
                        reference,
                        "IMPOSSIBLE_DATE",
                        "present_since " + entered.date + " is before date_of_birth " + born.date
                                + " or in the future"));
                return null;
            }
            since = entered.date;
        }
        return new LegacyMember(line, f[10], relationship, born.date, f[13], present, since);
    }

    private record DateOrProblem(LocalDate date, String code, String problem) {}

    private static DateOrProblem date(String value, String column) {
        if (!ISO_DATE.matcher(value).matches()) {
            return new DateOrProblem(null, "MALFORMED", column + " must be an ISO date yyyy-MM-dd, not " + value);
        }
        try {
            return new DateOrProblem(LocalDate.parse(value), null, null);
        } catch (DateTimeException e) {
            return new DateOrProblem(null, "IMPOSSIBLE_DATE", column + " " + value + " is not a day of the calendar");
        }
    }

    private static String firstBlank(String[] f, int... indexes) {
        String[] names = HEADER.split(",");
        for (int index : indexes) {
            if (f[index].isEmpty()) {
                return names[index];
            }
        }
        return null;
    }

    private static ImportProblem malformed(int line, String reference, String reason) {
        return new ImportProblem(line, reference, "MALFORMED", reason);
    }
}
