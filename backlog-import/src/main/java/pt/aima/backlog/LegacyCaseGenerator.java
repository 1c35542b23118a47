package pt.aima.backlog;

import static pt.aima.backlog.format.LegacyColumn.APPLICANT_ID;
import static pt.aima.backlog.format.LegacyColumn.DATE_OF_BIRTH;
import static pt.aima.backlog.format.LegacyColumn.DESK_REGION;
import static pt.aima.backlog.format.LegacyColumn.EMAIL;
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

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVPrinter;
import pt.aima.backlog.format.LegacyColumn;
import pt.aima.backlog.format.LegacyCsv;

/**
 * Writes a synthetic national-scale file of legacy SEF cases in the format of {@code docs/legacy-case-format.md}:
 * a fixed seed gives the same file every time. Households, relationships, ages, regions, partners and submission
 * dates (2019-2023) follow plausible distributions; some names need CSV quoting (a comma in "Silva, Ana", a nickname
 * in quotes), written by Commons CSV in the format's RFC 4180 dialect ({@link LegacyCsv}); a small share of cases carries one deliberately bad row of each
 * kind the import must report (malformed, unknown relationship, impossible date, duplicate legacy number,
 * inconsistent case columns, not eligible). Some members present in Portugal have the end of their current lawful
 * stay ({@code stay_ends_on}), spread over the recovery operation's years 2026-2027, drawn from a random of their own so
 * that every other column of a seed's file is what it was before the column existed.
 *
 * <p>Usage: {@code java -cp backlog-import.jar pt.aima.backlog.LegacyCaseGenerator <cases> <file> [seed] [badPerMille]}
 */
public final class LegacyCaseGenerator {

    /** The kinds of deliberately bad cases, in the order they are cycled through. */
    public enum BadKind {
        MALFORMED,
        UNKNOWN_RELATIONSHIP,
        IMPOSSIBLE_DATE,
        DUPLICATE_LEGACY_NUMBER,
        INCONSISTENT_CASE,
        NOT_ELIGIBLE
    }

    /** What was written: how many cases are valid, how many are bad (per kind, in {@link BadKind} order). */
    public record Summary(int cases, int validCases, int[] badCases, long lines) {}

    private static final String[] REGIONS = {
        "LISBOA", "LISBOA", "LISBOA", "LISBOA", "PORTO", "PORTO", "PORTO", "SETUBAL", "SETUBAL", "FARO", "FARO",
        "BRAGA", "COIMBRA", "LEIRIA", "AVEIRO", "MADEIRA", "ACORES", "EVORA"
    };
    private static final String[][] PARTNERS = {
        {"CLAIM", "CLAIM Lisboa - Centro Local de Apoio a Integracao de Migrantes"},
        {"CLAIM", "CLAIM Amadora"},
        {"CLAIM", "CLAIM Porto"},
        {"MUNICIPALITY", "Camara Municipal de Lisboa"},
        {"MUNICIPALITY", "Camara Municipal de Braga"},
        {"MUNICIPALITY", "Camara Municipal de Faro"},
        {"MUNICIPALITY", "Camara Municipal de Sintra"},
        {"PROFESSIONAL_ASSOCIATION", "Ordem dos Advogados"},
        {"PROFESSIONAL_ASSOCIATION", "Ordem dos Solicitadores e dos Agentes de Execucao"}
    };
    private static final String[] NATIONALITIES = {
        "BRA", "BRA", "BRA", "BRA", "IND", "IND", "NPL", "NPL", "BGD", "CPV", "AGO", "STP", "GNB", "PAK", "UKR", "CHN"
    };
    private static final String[] GIVEN = {
        "Ana",
        "Maria",
        "Joao",
        "Rui",
        "Priya",
        "Arjun",
        "Sita",
        "Ram",
        "Fatima",
        "Amina",
        "Olena",
        "Ivan",
        "Li",
        "Wei",
        "Carlos",
        "Beatriz",
        "Mohammed",
        "Rahim",
        "Lucia",
        "Pedro"
    };
    private static final String[] FAMILY = {
        "Silva",
        "Santos",
        "Oliveira",
        "Sharma",
        "Patel",
        "Gurung",
        "Thapa",
        "Rahman",
        "Hossain",
        "Fernandes",
        "Tavares",
        "Kovalenko",
        "Wang",
        "Costa",
        "Mendes",
        "Khan"
    };
    private static final LocalDate BACKLOG_START = LocalDate.of(2019, 1, 1);
    private static final int BACKLOG_DAYS = 5 * 365;
    private static final LocalDate STAYS_START = LocalDate.of(2026, 1, 1);
    private static final int STAYS_DAYS = 2 * 365;
    /** The share of members present in Portugal whose stay's end the file knows. */
    private static final int STAY_KNOWN_PERCENT = 60;

    private final Random random;
    private final Random stays;
    private final int badPerMille;

    public LegacyCaseGenerator(long seed, int badPerMille) {
        this.random = new Random(seed);
        this.stays = new Random(~seed);
        this.badPerMille = badPerMille;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: LegacyCaseGenerator <cases> <file> [seed=20231029] [badPerMille=20]");
            System.exit(2);
        }
        int cases = Integer.parseInt(args[0]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20231029L;
        int bad = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        Summary summary;
        try (OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
            summary = new LegacyCaseGenerator(seed, bad).write(cases, out);
        }
        System.out.printf(
                "%s: %d cases (%d valid), %d lines; bad cases per kind %s = %s%n",
                args[1],
                summary.cases(),
                summary.validCases(),
                summary.lines(),
                List.of(BadKind.values()),
                Arrays.toString(summary.badCases()));
    }

    /** Writes {@code cases} cases (the header first) and tells what was written. */
    public Summary write(int cases, OutputStream target) throws IOException {
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8), 1 << 16);
        CSVPrinter csv = new CSVPrinter(out, LegacyCsv.WRITE);
        csv.printRecord(Arrays.stream(LegacyColumn.values()).map(LegacyColumn::header));
        long lines = 1;
        int[] bad = new int[BadKind.values().length];
        int nextBad = 0;
        // a duplicate repeats the number of the case two before: on the very next rows it would read as more members of
        // the same case (and be reported as INCONSISTENT_CASE instead)
        String twoBefore = null;
        String previousLegacy = null;
        for (int n = 1; n <= cases; n++) {
            List<Row> rows = validCase(n);
            if (random.nextInt(1000) < badPerMille) {
                BadKind kind = BadKind.values()[nextBad++ % BadKind.values().length];
                if (kind == BadKind.DUPLICATE_LEGACY_NUMBER && twoBefore == null) {
                    kind = BadKind.MALFORMED;
                }
                spoil(rows, kind, twoBefore);
                bad[kind.ordinal()]++;
            }
            for (Row row : rows) {
                csv.printRecord((Object[]) row.fields);
                lines++;
            }
            twoBefore = previousLegacy;
            previousLegacy = rows.getFirst().get(LEGACY_NUMBER);
        }
        csv.flush();
        int totalBad = Arrays.stream(bad).sum();
        return new Summary(cases, cases - totalBad, bad, lines);
    }

    /** One row of the file, its fields set by column. */
    private static final class Row {
        private final String[] fields = new String[LegacyColumn.values().length];

        String get(LegacyColumn column) {
            return fields[column.ordinal()];
        }

        Row set(LegacyColumn column, String value) {
            fields[column.ordinal()] = value;
            return this;
        }

        Row copy() {
            Row copy = new Row();
            System.arraycopy(fields, 0, copy.fields, 0, fields.length);
            return copy;
        }
    }

    private List<Row> validCase(int n) {
        LocalDate submittedOn = BACKLOG_START.plusDays(random.nextInt(BACKLOG_DAYS));
        String legacy = "SEF-RF-" + submittedOn.getYear() + "-" + String.format("%07d", n);
        String family = pick(FAMILY);
        String sponsor = name(family);
        String permit = "AR-" + (submittedOn.getYear() - 1 - random.nextInt(4)) + "-" + String.format("%06d", n);
        String[] partner = PARTNERS[random.nextInt(PARTNERS.length)];
        String region = pick(REGIONS);
        String applicant = "legacy-" + String.format("%07d", n);
        String email = applicant + "@example.org";
        String language = random.nextInt(10) < 7 ? "pt" : "en";
        String nationality = pick(NATIONALITIES);
        int size = householdSize();
        List<Row> rows = new ArrayList<>(size);
        for (int m = 0; m < size; m++) {
            String relationship = relationship(m);
            LocalDate born = birth(relationship, submittedOn);
            boolean present = random.nextInt(10) < 3;
            LocalDate since = null;
            if (present) {
                LocalDate earliest = born.isAfter(submittedOn.minusYears(6)) ? born : submittedOn.minusYears(6);
                long span = Math.max(1, submittedOn.toEpochDay() - earliest.toEpochDay());
                since = earliest.plusDays(random.nextLong(span));
            }
            rows.add(new Row()
                    .set(LEGACY_NUMBER, legacy)
                    .set(SUBMITTED_ON, submittedOn.toString())
                    .set(SPONSOR_NAME, sponsor)
                    .set(SPONSOR_PERMIT, permit)
                    .set(PARTNER_TYPE, partner[0])
                    .set(PARTNER_NAME, partner[1])
                    .set(DESK_REGION, region)
                    .set(APPLICANT_ID, applicant)
                    .set(EMAIL, email)
                    .set(LANGUAGE, language)
                    .set(MEMBER_NAME, name(family))
                    .set(RELATIONSHIP, relationship)
                    .set(DATE_OF_BIRTH, born.toString())
                    .set(NATIONALITY, nationality)
                    .set(PRESENT_IN_PORTUGAL, Boolean.toString(present))
                    .set(PRESENT_SINCE, since == null ? "" : since.toString())
                    .set(STAY_ENDS_ON, present ? stayEndsOn() : ""));
        }
        return rows;
    }

    /**
     * A full name as the legacy files hold them: mostly "Given Family", some written family first with a comma ("Silva,
     * Ana") and some with a nickname in quotes (Ana "Nita" Silva), the two forms that need CSV quoting.
     */
    private String name(String family) {
        String given = pick(GIVEN);
        int form = random.nextInt(100);
        if (form < 5) {
            return family + ", " + given;
        }
        if (form < 8) {
            return given + " \"" + pick(GIVEN) + "\" " + family;
        }
        return given + " " + family;
    }

    private void spoil(List<Row> rows, BadKind kind, String earlierLegacy) {
        Row row = rows.get(random.nextInt(rows.size()));
        switch (kind) {
            case MALFORMED -> row.set(PRESENT_IN_PORTUGAL, "maybe");
            case UNKNOWN_RELATIONSHIP -> row.set(RELATIONSHIP, "COUSIN");
            case IMPOSSIBLE_DATE -> row.set(DATE_OF_BIRTH, row.get(SUBMITTED_ON).substring(0, 4) + "-02-30");
            case DUPLICATE_LEGACY_NUMBER -> rows.forEach(r -> r.set(LEGACY_NUMBER, earlierLegacy));
            case INCONSISTENT_CASE -> {
                if (rows.size() == 1) {
                    rows.add(rows.getFirst().copy());
                }
                rows.getLast().set(DESK_REGION, "ELSEWHERE");
            }
            case NOT_ELIGIBLE -> {
                row.set(RELATIONSHIP, "MINOR_CHILD");
                row.set(
                        DATE_OF_BIRTH,
                        LocalDate.parse(row.get(SUBMITTED_ON)).minusYears(30).toString());
            }
        }
    }

    /** The end of a present member's stay, when the file knows it; empty otherwise. */
    private String stayEndsOn() {
        if (stays.nextInt(100) >= STAY_KNOWN_PERCENT) {
            return "";
        }
        return STAYS_START.plusDays(stays.nextInt(STAYS_DAYS)).toString();
    }

    private int householdSize() {
        int p = random.nextInt(100);
        return p < 55 ? 1 : p < 80 ? 2 : p < 92 ? 3 : p < 98 ? 4 : 5;
    }

    private String relationship(int index) {
        int p = random.nextInt(100);
        if (index == 0) {
            return p < 45
                    ? "SPOUSE"
                    : p < 52
                            ? "DE_FACTO_PARTNER"
                            : p < 85
                                    ? "MINOR_CHILD"
                                    : p < 93
                                            ? "DEPENDENT_PARENT"
                                            : p < 97 ? "DEPENDENT_ADULT_CHILD" : "ADOPTED_MINOR_CHILD";
        }
        return p < 85
                ? "MINOR_CHILD"
                : p < 92 ? "DEPENDENT_PARENT" : p < 97 ? "DEPENDENT_ADULT_CHILD" : "INCAPABLE_ADULT_CHILD";
    }

    private LocalDate birth(String relationship, LocalDate submittedOn) {
        int years =
                switch (relationship) {
                    case "MINOR_CHILD", "ADOPTED_MINOR_CHILD", "MINOR_SIBLING_UNDER_GUARDIANSHIP" -> random.nextInt(17);
                    case "DEPENDENT_ADULT_CHILD", "INCAPABLE_ADULT_CHILD" -> 19 + random.nextInt(10);
                    case "DEPENDENT_PARENT" -> 55 + random.nextInt(30);
                    default -> 21 + random.nextInt(40);
                };
        return submittedOn.minusYears(years).minusDays(1 + random.nextInt(360));
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
