package pt.aima.application.backlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import pt.aima.application.backlog.LegacyCaseFile.Contents;
import pt.aima.backlog.LegacyCaseGenerator;
import pt.aima.backlog.LegacyCaseGenerator.BadKind;
import pt.aima.backlog.format.LegacyColumn;

class LegacyCaseFileTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final String CASE =
            "SEF-1,2021-03-14,Ana Silva,AR-1,MUNICIPALITY,Camara de Braga,PORTO,legacy-1," + "ana@example.org,pt,";
    private static final String RUI = CASE + "Rui Silva,MINOR_CHILD,2015-05-20,BRA,true,2020-01-10";
    private static final String JOAO = CASE + "Joao Silva,SPOUSE,1985-02-01,BRA,false,";
    private static final String OTHER = "SEF-2,2020-01-02,Li Wang,AR-2,CLAIM,CLAIM Porto,PORTO,legacy-2,"
            + "li@example.org,en,Wei Wang,SPOUSE,1980-01-01,CHN,false,";

    private static Contents read(String... lines) {
        return LegacyCaseFile.read(
                (LegacyColumn.HEADER + "\n" + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), TODAY);
    }

    @Test
    void readsOneRowPerMemberIntoOneCase() {
        Contents contents = read(RUI, JOAO, OTHER);
        assertThat(contents.problems()).isEmpty();
        assertThat(contents.caseCount()).isEqualTo(2);
        assertThat(contents.cases()).hasSize(2);
        var first = contents.cases().getFirst();
        assertThat(first.legacyNumber()).isEqualTo("SEF-1");
        assertThat(first.submittedOn()).isEqualTo(LocalDate.of(2021, 3, 14));
        assertThat(first.members())
                .extracting(LegacyCaseFile.LegacyMember::line)
                .containsExactly(2, 3);
        assertThat(first.members().getFirst().presentInPortugalSince()).isEqualTo(LocalDate.of(2020, 1, 10));
    }

    @Test
    void readsWhatTheGeneratorWritesAndRejectsEveryCaseItSpoilsButTheIneligible() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        LegacyCaseGenerator.Summary written = new LegacyCaseGenerator(3, 50).write(2000, file);
        Contents contents = LegacyCaseFile.read(file.toByteArray(), TODAY);
        // eligibility is the importer's to check: a case spoiled as NOT_ELIGIBLE is well-formed
        int wellFormed = written.validCases() + written.badCases()[BadKind.NOT_ELIGIBLE.ordinal()];
        assertThat(contents.fileProblem()).isNull();
        assertThat(contents.lines()).isEqualTo(written.lines());
        assertThat(contents.caseCount()).isEqualTo(written.cases());
        assertThat(contents.cases()).hasSize(wellFormed);
        assertThat(contents.rejectedCases()).isEqualTo(written.cases() - wellFormed);
        assertThat(contents.problems())
                .extracting(ImportProblem::code)
                .containsOnly(Arrays.stream(BadKind.values())
                        .filter(kind -> kind != BadKind.NOT_ELIGIBLE)
                        .map(BadKind::name)
                        .toArray(String[]::new));
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("too few fields", CASE + "Joao Silva,SPOUSE", "MALFORMED"),
                Arguments.of("quotes", CASE + "\"Joao, Silva\",SPOUSE,1985-02-01,BRA,false,", "MALFORMED"),
                Arguments.of("not a boolean", JOAO.replace(",false,", ",maybe,"), "MALFORMED"),
                Arguments.of("bad partner type", JOAO.replace("MUNICIPALITY", "CHURCH"), "MALFORMED"),
                Arguments.of("bad language", JOAO.replace(",pt,", ",fr,"), "MALFORMED"),
                Arguments.of("not an ISO date", JOAO.replace("1985-02-01", "01/02/1985"), "MALFORMED"),
                Arguments.of("unknown relationship", JOAO.replace("SPOUSE", "COUSIN"), "UNKNOWN_RELATIONSHIP"),
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
        Contents contents = caseColumn ? read(OTHER, "", badLine) : read(OTHER, RUI, badLine);
        assertThat(contents.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(4);
            assertThat(problem.code()).isEqualTo(code);
            assertThat(problem.reason()).isNotBlank();
        });
        assertThat(contents.cases())
                .extracting(LegacyCaseFile.LegacyCase::legacyNumber)
                .containsExactly("SEF-2");
        assertThat(contents.caseCount()).isEqualTo(2);
        assertThat(contents.rejectedCases()).isEqualTo(1);
    }

    @Test
    void aLegacyNumberAgainLaterInTheFileIsADuplicate() {
        Contents contents = read(RUI, JOAO, OTHER, RUI);
        assertThat(contents.problems()).singleElement().satisfies(p -> assertThat(p)
                .isEqualTo(new ImportProblem(5, "SEF-1", "DUPLICATE_LEGACY_NUMBER", p.reason())));
        assertThat(contents.cases()).hasSize(2);
    }

    @Test
    void aFileCutInTheMiddleOfALineIsTruncatedThere() {
        byte[] cut = (LegacyColumn.HEADER + "\n" + OTHER + "\n" + RUI + "\n" + JOAO.substring(0, 40))
                .getBytes(StandardCharsets.UTF_8);
        Contents contents = LegacyCaseFile.read(cut, TODAY);
        assertThat(contents.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.code()).isEqualTo("TRUNCATED");
        });
        assertThat(contents.cases())
                .extracting(LegacyCaseFile.LegacyCase::legacyNumber)
                .containsExactly("SEF-2");
    }

    static Stream<Arguments> refusedFiles() {
        byte[] latin1 = (LegacyColumn.HEADER + "\n" + OTHER + "\n" + JOAO.replace("Joao", "João") + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        return Stream.of(
                Arguments.of("empty", new byte[0], "EMPTY_FILE", 0),
                Arguments.of("blank", "\n\n".getBytes(StandardCharsets.UTF_8), "EMPTY_FILE", 1),
                Arguments.of(
                        "header only", (LegacyColumn.HEADER + "\n").getBytes(StandardCharsets.UTF_8), "EMPTY_FILE", 2),
                Arguments.of("no header", (OTHER + "\n").getBytes(StandardCharsets.UTF_8), "BAD_HEADER", 1),
                Arguments.of("Latin-1", latin1, "NOT_UTF8", 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedFiles")
    void aFileRefusedAsAWholeRegistersNothing(String name, byte[] content, String code, int line) {
        Contents contents = LegacyCaseFile.read(content, TODAY);
        assertThat(contents.fileProblem()).isNotNull();
        assertThat(contents.fileProblem().code()).isEqualTo(code);
        assertThat(contents.fileProblem().line()).isEqualTo(line);
        assertThat(contents.cases()).isEmpty();
    }
}
