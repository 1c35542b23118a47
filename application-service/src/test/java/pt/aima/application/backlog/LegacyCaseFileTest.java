package pt.aima.application.backlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import pt.aima.application.backlog.LegacyCaseFile.Contents;
import pt.aima.application.backlog.LegacyCaseFile.LegacyCase;
import pt.aima.backlog.LegacyCaseGenerator;
import pt.aima.backlog.LegacyCaseGenerator.BadKind;
import pt.aima.backlog.format.LegacyColumn;
import pt.aima.kernel.application.Region;

class LegacyCaseFileTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final String CASE =
            "SEF-1,2021-03-14,Ana Silva,AR-1,MUNICIPALITY,Camara de Braga,PORTO,legacy-1," + "ana@example.org,pt,";
    private static final String RUI = CASE + "Rui Silva,MINOR_CHILD,2015-05-20,BRA,true,2020-01-10";
    private static final String JOAO = CASE + "Joao Silva,SPOUSE,1985-02-01,BRA,false,";
    private static final String OTHER = "SEF-2,2020-01-02,Li Wang,AR-2,CLAIM,CLAIM Porto,PORTO,legacy-2,"
            + "li@example.org,en,Wei Wang,SPOUSE,1980-01-01,CHN,false,";

    /** The same rows in a file written with the optional stay_ends_on column (Rui's stay is known, João is abroad). */
    private static final String RUI_WITH_STAY = RUI + ",2027-03-01";

    private static final String JOAO_WITH_STAY = JOAO + ",";

    /** What a read gave: the summary and the valid cases handed on. */
    private record Read(Contents contents, List<LegacyCase> cases) {}

    private static Read read(byte[] content) {
        List<LegacyCase> cases = new ArrayList<>();
        Contents contents = LegacyCaseFile.read(new ByteArrayInputStream(content), TODAY, cases::add);
        return new Read(contents, cases);
    }

    /** A file written with the stay_ends_on column: its header and 17 fields per row. */
    private static Read readWithStay(String... lines) {
        return read((LegacyColumn.HEADER + "\n" + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A file as written before stay_ends_on existed: the rows of these tests end at present_since. */
    private static Read read(String... lines) {
        return read((LegacyColumn.HEADER_BEFORE_STAY + "\n" + String.join("\n", lines) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsOneRowPerMemberIntoOneCase() {
        Read read = read(RUI, JOAO, OTHER);
        assertThat(read.contents().problems()).isEmpty();
        assertThat(read.contents().caseCount()).isEqualTo(2);
        assertThat(read.contents().validCases()).isEqualTo(2);
        assertThat(read.cases()).hasSize(2);
        var first = read.cases().getFirst();
        assertThat(first.legacyNumber()).isEqualTo("SEF-1");
        assertThat(first.submittedOn()).isEqualTo(LocalDate.of(2021, 3, 14));
        assertThat(first.deskRegion()).isEqualTo(Region.PORTO);
        assertThat(first.members())
                .extracting(LegacyCaseFile.LegacyMember::line)
                .containsExactly(2, 3);
        assertThat(first.members().getFirst().presentInPortugalSince()).isEqualTo(LocalDate.of(2020, 1, 10));
    }

    @Test
    void aFileWithTheStayColumnGivesEachMembersStayWhenKnown() {
        Read read = readWithStay(RUI_WITH_STAY, JOAO_WITH_STAY, OTHER + ",");
        assertThat(read.contents().problems()).isEmpty();
        assertThat(read.cases()).hasSize(2);
        assertThat(read.cases().getFirst().members())
                .extracting(LegacyCaseFile.LegacyMember::stayEndsOn)
                .containsExactly(LocalDate.of(2027, 3, 1), null);
    }

    @Test
    void aFileWithoutTheStayColumnStillReadsItsMembersWithNoStay() {
        Read read = read(RUI, JOAO);
        assertThat(read.contents().problems()).isEmpty();
        assertThat(read.cases().getFirst().members())
                .extracting(LegacyCaseFile.LegacyMember::stayEndsOn)
                .containsOnlyNulls();
    }

    static Stream<Arguments> badStays() {
        return Stream.of(
                Arguments.of("for a member abroad", JOAO + ",2027-03-01", "MALFORMED", "only for a member present"),
                Arguments.of("not an ISO date", RUI + ",01/03/2027", "MALFORMED", "stay_ends_on must be an ISO date"),
                Arguments.of("31 April", RUI + ",2027-04-31", "IMPOSSIBLE_DATE", "not a day of the calendar"),
                Arguments.of("before the entry", RUI + ",2019-12-31", "IMPOSSIBLE_DATE", "before present_since"),
                Arguments.of("a row without the column", RUI, "MALFORMED", "expected 17 fields, found 16"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badStays")
    void aBadStayRejectsItsCase(String name, String badLine, String code, String why) {
        Read read = readWithStay(OTHER + ",", badLine);
        assertThat(read.contents().problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.code()).isEqualTo(code);
            assertThat(problem.reason()).contains(why);
        });
        assertThat(read.cases()).extracting(LegacyCase::legacyNumber).containsExactly("SEF-2");
    }

    @Test
    void aRowWithTheStayInAFileWithoutTheColumnIsMalformed() {
        Read read = read(OTHER, RUI_WITH_STAY);
        assertThat(read.contents().problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo("MALFORMED");
            assertThat(problem.reason()).contains("expected 16 fields, found 17");
        });
    }

    @Test
    void aHeaderWithAnUnknownTrailingColumnIsRefusedNamingBothHeaders() {
        Contents contents = read((LegacyColumn.HEADER_BEFORE_STAY + ",stay_until\n" + RUI_WITH_STAY + "\n")
                        .getBytes(StandardCharsets.UTF_8))
                .contents();
        assertThat(contents.fileProblem().code()).isEqualTo("BAD_HEADER");
        assertThat(contents.fileProblem().reason())
                .contains(LegacyColumn.HEADER)
                .contains("without the optional stay_ends_on");
    }

    @Test
    void readsQuotedFieldsAsRfc4180WritesThem() {
        Read read = read(
                CASE.replace("Ana Silva", "\"Silva, Ana\"")
                        + "\"Silva, Rui\",MINOR_CHILD,2015-05-20,BRA,true,2020-01-10",
                CASE.replace("Ana Silva", "\"Silva, Ana\"")
                        + " \"Joao \"\"Jota\"\" Silva\" ,SPOUSE,1985-02-01,BRA,false,");
        assertThat(read.contents().problems()).isEmpty();
        LegacyCase only = read.cases().getFirst();
        assertThat(only.sponsorName()).isEqualTo("Silva, Ana");
        assertThat(only.members())
                .extracting(LegacyCaseFile.LegacyMember::fullName)
                .containsExactly("Silva, Rui", "Joao \"Jota\" Silva");
    }

    @Test
    void aQuotedFieldMaySpanLinesAndLinesAreStillCountedPhysically() {
        Read read = read(
                OTHER.replace("Li Wang", "\"Li\nWang\""), // lines 2-3
                JOAO.replace("Camara de Braga", "\"Camara\r\nde Braga\""), // lines 4-5
                JOAO.replace("Camara de Braga", "\"Camara\r\nde Braga\"").replace("1985", "1986x")); // lines 6-7
        assertThat(read.cases()).extracting(LegacyCase::sponsorName).containsExactly("Li\nWang");
        assertThat(read.contents().lines()).isEqualTo(7);
        assertThat(read.contents().problems()).extracting(ImportProblem::line).containsExactly(6);
    }

    @Test
    void readsWhatTheGeneratorWritesQuotedNamesIncludedAndRejectsEveryCaseItSpoilsButTheIneligible()
            throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        LegacyCaseGenerator.Summary written = new LegacyCaseGenerator(3, 50).write(2000, file);
        Read read = read(file.toByteArray());
        Contents contents = read.contents();
        // eligibility is the importer's to check: a case spoiled as NOT_ELIGIBLE is well-formed
        int wellFormed = written.validCases() + written.badCases()[BadKind.NOT_ELIGIBLE.ordinal()];
        assertThat(contents.fileProblem()).isNull();
        assertThat(contents.lines()).isEqualTo(written.lines());
        assertThat(contents.caseCount()).isEqualTo(written.cases());
        assertThat(read.cases()).hasSize(wellFormed);
        assertThat(contents.rejectedCases()).isEqualTo(written.cases() - wellFormed);
        assertThat(contents.problems())
                .extracting(ImportProblem::code)
                .containsOnly(Arrays.stream(BadKind.values())
                        .filter(kind -> kind != BadKind.NOT_ELIGIBLE)
                        .map(BadKind::name)
                        .toArray(String[]::new));
        List<String> names = read.cases().stream()
                .flatMap(c -> Stream.concat(
                        Stream.of(c.sponsorName()), c.members().stream().map(LegacyCaseFile.LegacyMember::fullName)))
                .toList();
        assertThat(names).anyMatch(name -> name.matches("[A-Za-z]+, [A-Za-z]+"));
        assertThat(names).anyMatch(name -> name.matches("[A-Za-z]+ \"[A-Za-z]+\" [A-Za-z]+"));
        assertThat(read.cases().stream().flatMap(c -> c.members().stream()))
                .as("the generator writes the stay column")
                .anyMatch(member -> member.stayEndsOn() != null);
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("too few fields", CASE + "Joao Silva,SPOUSE", "MALFORMED"),
                Arguments.of("a comma unquoted", CASE + "Joao, Silva,SPOUSE,1985-02-01,BRA,false,", "MALFORMED"),
                Arguments.of(
                        "a quote not doubled",
                        CASE + "\"Joao \"Jota\" Silva\",SPOUSE,1985-02-01,BRA,false,",
                        "MALFORMED"),
                Arguments.of("not a boolean", JOAO.replace(",false,", ",maybe,"), "MALFORMED"),
                Arguments.of("bad partner type", JOAO.replace("MUNICIPALITY", "CHURCH"), "MALFORMED"),
                Arguments.of("bad language", JOAO.replace(",pt,", ",fr,"), "MALFORMED"),
                Arguments.of("not an ISO date", JOAO.replace("1985-02-01", "01/02/1985"), "MALFORMED"),
                Arguments.of("unknown relationship", JOAO.replace("SPOUSE", "COUSIN"), "UNKNOWN_RELATIONSHIP"),
                Arguments.of("unknown region", JOAO.replace("PORTO", "ATLANTIS"), "UNKNOWN_REGION"),
                Arguments.of("a region not written as listed", JOAO.replace("PORTO", "Porto"), "UNKNOWN_REGION"),
                Arguments.of("30 February", JOAO.replace("1985-02-01", "1985-02-30"), "IMPOSSIBLE_DATE"),
                Arguments.of("born after submission", JOAO.replace("1985-02-01", "2022-02-01"), "IMPOSSIBLE_DATE"),
                Arguments.of("submitted in the future", JOAO.replace("2021-03-14", "2027-03-14"), "IMPOSSIBLE_DATE"),
                Arguments.of("inconsistent case columns", JOAO.replace("PORTO", "FARO"), "INCONSISTENT_CASE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLines")
    void aBadLineRejectsItsWholeCaseAndIsReportedWithItsLineNumber(String name, String badLine, String code) {
        // a bad case column on a second row would make it inconsistent: those are tested on a case of one row
        boolean caseColumn = !badLine.startsWith(CASE) && !code.equals("INCONSISTENT_CASE");
        Read read = caseColumn ? read(OTHER, "", badLine) : read(OTHER, RUI, badLine);
        assertThat(read.contents().problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(4);
            assertThat(problem.code()).isEqualTo(code);
            assertThat(problem.reason()).isNotBlank();
        });
        assertThat(read.cases()).extracting(LegacyCase::legacyNumber).containsExactly("SEF-2");
        assertThat(read.contents().caseCount()).isEqualTo(2);
        assertThat(read.contents().rejectedCases()).isEqualTo(1);
    }

    @Test
    void aQuoteNeverClosedIsMalformedWhereItOpensAndRejectsItsCase() {
        Read read = read(
                OTHER, RUI, CASE + "\"Joao Silva,SPOUSE,1985-02-01,BRA,false,", "", OTHER.replace("SEF-2", "SEF-3"));
        assertThat(read.contents().problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.code()).isEqualTo("MALFORMED");
            assertThat(p.legacyNumber()).isEqualTo("SEF-1");
            assertThat(p.reason()).contains("never closed");
        });
        assertThat(read.cases()).extracting(LegacyCase::legacyNumber).containsExactly("SEF-2");
        assertThat(read.contents().lines()).isEqualTo(6);
    }

    @Test
    void aLegacyNumberAgainLaterInTheFileIsADuplicate() {
        Read read = read(RUI, JOAO, OTHER, RUI);
        assertThat(read.contents().problems()).singleElement().satisfies(p -> assertThat(p)
                .isEqualTo(new ImportProblem(5, "SEF-1", "DUPLICATE_LEGACY_NUMBER", p.reason())));
        assertThat(read.cases()).hasSize(2);
    }

    @Test
    void aFileCutInTheMiddleOfALineIsTruncatedThere() {
        byte[] cut = (LegacyColumn.HEADER_BEFORE_STAY + "\n" + OTHER + "\n" + RUI + "\n" + JOAO.substring(0, 40))
                .getBytes(StandardCharsets.UTF_8);
        Read read = read(cut);
        assertThat(read.contents().problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.code()).isEqualTo("TRUNCATED");
        });
        assertThat(read.cases()).extracting(LegacyCase::legacyNumber).containsExactly("SEF-2");
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndsAreAccepted() {
        Read read = read(("\uFEFF" + LegacyColumn.HEADER_BEFORE_STAY + "\r\n" + OTHER + "\r\n" + RUI + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(read.contents().problems()).isEmpty();
        assertThat(read.cases()).hasSize(2);
        assertThat(read.cases().getLast().members().getFirst().presentInPortugalSince())
                .isEqualTo(LocalDate.of(2020, 1, 10));
    }

    static Stream<Arguments> refusedFiles() {
        byte[] latin1 = (LegacyColumn.HEADER_BEFORE_STAY + "\n" + OTHER + "\n" + JOAO.replace("Joao", "João") + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        return Stream.of(
                Arguments.of("empty", new byte[0], "EMPTY_FILE", 0),
                Arguments.of("blank", "\n\n".getBytes(StandardCharsets.UTF_8), "EMPTY_FILE", 1),
                Arguments.of(
                        "header only",
                        (LegacyColumn.HEADER_BEFORE_STAY + "\n").getBytes(StandardCharsets.UTF_8),
                        "EMPTY_FILE",
                        2),
                Arguments.of("no header", (OTHER + "\n").getBytes(StandardCharsets.UTF_8), "BAD_HEADER", 1),
                Arguments.of(
                        "blank first line",
                        ("\n" + LegacyColumn.HEADER_BEFORE_STAY + "\n").getBytes(StandardCharsets.UTF_8),
                        "BAD_HEADER",
                        1),
                Arguments.of("Latin-1", latin1, "NOT_UTF8", 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedFiles")
    void aFileRefusedAsAWholeRegistersNothing(String name, byte[] content, String code, int line) {
        Contents contents = read(content).contents();
        assertThat(contents.fileProblem()).isNotNull();
        assertThat(contents.fileProblem().code()).isEqualTo(code);
        assertThat(contents.fileProblem().line()).isEqualTo(line);
        assertThat(contents.validCases()).isZero();
    }

    @Test
    void aBadByteFarIntoTheFileRefusesItWithThatByteAndLine() {
        byte[] head = (LegacyColumn.HEADER_BEFORE_STAY + "\n" + OTHER + "\n").getBytes(StandardCharsets.UTF_8);
        Read read = read(concat(head, new byte[] {'S', 'E', (byte) 0xC3, '\n'}));
        assertThat(read.contents().fileProblem()).satisfies(p -> {
            assertThat(p.code()).isEqualTo("NOT_UTF8");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.reason()).contains("byte " + (head.length + 2) + " (0xC3)");
        });
    }

    /**
     * The file is read as a stream: a 100,000-row file, made row by row as the reader asks for it and never held
     * anywhere, is read whole, and its first case is handed on when only the first few kilobytes have been read.
     */
    @Test
    void readsAHundredThousandRowsAsAStreamWithoutHoldingTheFile() {
        int rows = 100_000;
        GeneratedFile file = new GeneratedFile(rows);
        long[] readWhenFirstCaseCame = {-1};
        int[] cases = {0};
        Contents contents = LegacyCaseFile.read(file, TODAY, legacy -> {
            if (cases[0]++ == 0) {
                readWhenFirstCaseCame[0] = file.served;
            }
        });
        assertThat(contents.fileProblem()).isNull();
        assertThat(contents.problems()).isEmpty();
        assertThat(cases[0]).isEqualTo(rows);
        assertThat(contents.lines()).isEqualTo(rows + 1);
        assertThat(file.served).isGreaterThan(10_000_000L);
        assertThat(readWhenFirstCaseCame[0]).isLessThan(256 * 1024L);
    }

    /** A file of one-member cases, made a row at a time as it is read; it counts the bytes served. */
    private static final class GeneratedFile extends InputStream {
        private final int rows;
        private int row = -1;
        private byte[] current = new byte[0];
        private int at;
        long served;

        GeneratedFile(int rows) {
            this.rows = rows;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int off, int len) {
            if (at == current.length) {
                if (++row > rows) {
                    return -1;
                }
                String line = row == 0
                        ? LegacyColumn.HEADER_BEFORE_STAY
                        : OTHER.replace("SEF-2", "SEF-G" + row).replace("Li Wang", "\"Wang, Li " + row + "\"");
                current = (line + "\n").getBytes(StandardCharsets.UTF_8);
                at = 0;
            }
            int n = Math.min(len, current.length - at);
            System.arraycopy(current, at, into, off, n);
            at += n;
            served += n;
            return n;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
