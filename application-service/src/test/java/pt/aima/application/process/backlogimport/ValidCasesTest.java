package pt.aima.application.process.backlogimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pt.aima.application.backlog.LegacyCaseFile.LegacyCase;
import pt.aima.application.backlog.LegacyCaseFile.LegacyMember;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.application.Relationship;

class ValidCasesTest {

    @TempDir
    Path directory;

    private static LegacyCase legacy(int n, LocalDate submittedOn) {
        return new LegacyCase(
                "SEF-" + n,
                n + 1,
                submittedOn,
                "Silva, Ana " + n,
                "AR-" + n,
                "CLAIM",
                "CLAIM Porto",
                Region.PORTO,
                "legacy-" + n,
                n + "@example.org",
                "pt",
                List.of(
                        new LegacyMember(
                                n + 1,
                                "Rui \"R\" Silva",
                                Relationship.MINOR_CHILD,
                                submittedOn.minusYears(5),
                                "BRA",
                                true,
                                submittedOn.minusYears(1),
                                submittedOn.plusYears(1)),
                        new LegacyMember(
                                n + 2,
                                "João Silva",
                                Relationship.SPOUSE,
                                submittedOn.minusYears(30),
                                "BRA",
                                false,
                                null,
                                null)));
    }

    @Test
    void givesTheCasesBackWholeOldestSubmissionFirstAndInFileOrderOnTheSameDay() throws IOException {
        Random random = new Random(1);
        List<LegacyCase> written = new ArrayList<>();
        Path file;
        try (ValidCases cases = new ValidCases(directory)) {
            for (int n = 0; n < 1000; n++) {
                LegacyCase legacy = legacy(n, LocalDate.of(2019, 1, 1).plusDays(random.nextInt(30)));
                written.add(legacy);
                cases.add(legacy);
            }
            cases.sortOldestFirst();
            List<LegacyCase> read = new ArrayList<>(cases.oldestFirst(0, 400));
            read.addAll(cases.oldestFirst(400, cases.size()));
            assertThat(read)
                    .isEqualTo(written.stream()
                            .sorted(Comparator.comparing(LegacyCase::submittedOn)) // stable: file order kept
                            .toList());
            try (var listing = Files.list(directory)) {
                file = listing.findFirst().orElseThrow();
            }
        }
        assertThat(file).as("deleted when closed").doesNotExist();
    }
}
