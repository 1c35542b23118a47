package pt.aima.backlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import pt.aima.backlog.format.LegacyColumn;
import pt.aima.backlog.format.LegacyCsv;

class LegacyCaseGeneratorTest {

    private static String generate(long seed, int cases) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LegacyCaseGenerator(seed, 20).write(cases, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theSameSeedGivesTheSameFile() throws IOException {
        assertThat(generate(42, 3000)).isEqualTo(generate(42, 3000));
        assertThat(generate(42, 300)).isNotEqualTo(generate(43, 300));
    }

    @Test
    void writesTheHeaderAndSeventeenFieldsPerRowWithEveryKindOfBadCase() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LegacyCaseGenerator.Summary summary = new LegacyCaseGenerator(7, 20).write(5000, out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text.lines().findFirst()).contains(LegacyColumn.HEADER);
        List<CSVRecord> records = LegacyCsv.READ.parse(new StringReader(text)).getRecords();
        assertThat(records.stream().skip(1))
                .allSatisfy(row -> assertThat(row.size()).isEqualTo(17));
        assertThat(summary.lines()).isEqualTo(text.lines().count());
        assertThat(summary.lines()).isEqualTo(records.size());
        assertThat(summary.badCases()).doesNotContain(0);
        int bad = Arrays.stream(summary.badCases()).sum();
        assertThat(bad).isBetween(50, 150);
        assertThat(summary.validCases()).isEqualTo(5000 - bad);
    }

    @Test
    void writesSomeNamesThatNeedQuotingQuotedAsRfc4180Says() throws IOException {
        String text = generate(9, 2000);
        List<String> names = LegacyCsv.READ.parse(new StringReader(text)).stream()
                .skip(1)
                .flatMap(row -> java.util.stream.Stream.of(
                        row.get(LegacyColumn.SPONSOR_NAME.ordinal()), row.get(LegacyColumn.MEMBER_NAME.ordinal())))
                .toList();
        assertThat(names).anyMatch(name -> name.matches("[A-Za-z]+, [A-Za-z]+"));
        assertThat(names).anyMatch(name -> name.matches("[A-Za-z]+ \"[A-Za-z]+\" [A-Za-z]+"));
        // in the file: "Silva, Ana" and "Ana ""Nita"" Silva"
        assertThat(text).containsPattern(",\"[A-Za-z]+, [A-Za-z]+\",");
        assertThat(text).containsPattern(",\"[A-Za-z]+ \"\"[A-Za-z]+\"\" [A-Za-z]+\",");
    }

    @Test
    void duplicatesAreNeverOnTheRowsRightAfterTheirOriginal() throws IOException {
        // consecutive rows with one number are one case: a duplicate must come after another case
        Map<String, Integer> runs = new LinkedHashMap<>();
        String previous = null;
        for (String line : generate(11, 5000).lines().skip(1).toList()) {
            String legacy = line.substring(0, line.indexOf(','));
            if (!legacy.equals(previous)) {
                runs.merge(legacy, 1, Integer::sum);
            }
            previous = legacy;
        }
        long duplicated = runs.values().stream().filter(n -> n > 1).count();
        assertThat(duplicated).isPositive();
    }

    @Test
    void givesTheEndOfTheStayOfSomeMembersPresentInPortugalAndOfNoneAbroad() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LegacyCaseGenerator(13, 0).write(3000, out);
        List<CSVRecord> rows = LegacyCsv.READ.parse(new StringReader(out.toString(StandardCharsets.UTF_8))).stream()
                .skip(1)
                .toList();
        int stay = LegacyColumn.STAY_ENDS_ON.ordinal();
        int present = LegacyColumn.PRESENT_IN_PORTUGAL.ordinal();
        List<CSVRecord> known =
                rows.stream().filter(row -> !row.get(stay).isEmpty()).toList();

        assertThat(known).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get(present)).isEqualTo("true");
            assertThat(java.time.LocalDate.parse(row.get(stay))).isBetween("2026-01-01", "2027-12-31");
        });
        assertThat(rows.stream()
                        .filter(row ->
                                row.get(present).equals("true") && row.get(stay).isEmpty()))
                .as("not every present member's stay is known")
                .isNotEmpty();
    }

    @Test
    void theStayColumnLeavesEveryOtherColumnOfASeedsFileAsItWas() throws IOException {
        // the other columns come from the seed's own random: the stays do not shift them (benchmark figures stay
        // comparable with runs before the column existed). First case of seed 42, as written before the column.
        String first = generate(42, 1).lines().skip(1).findFirst().orElseThrow();
        assertThat(first.substring(0, first.lastIndexOf(',')))
                .isEqualTo("SEF-RF-2022-0000001,2022-03-26,Fatima Silva,AR-2020-000001,PROFESSIONAL_ASSOCIATION,"
                        + "Ordem dos Advogados,PORTO,legacy-0000001,legacy-0000001@example.org,en,Mohammed Silva,"
                        + "MINOR_CHILD,2009-06-22,AGO,true,2017-12-14");
    }

    @Test
    void submissionsSpreadOverTheBacklogYears() throws IOException {
        Map<String, Long> perYear = new java.util.TreeMap<>();
        generate(5, 5000)
                .lines()
                .skip(1)
                .forEach(line -> perYear.merge(line.split(",")[1].substring(0, 4), 1L, Long::sum));
        assertThat(perYear.keySet()).containsExactly("2019", "2020", "2021", "2022", "2023");
    }
}
