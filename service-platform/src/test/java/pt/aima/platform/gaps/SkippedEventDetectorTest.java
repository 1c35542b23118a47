package pt.aima.platform.gaps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import pt.aima.platform.gaps.SkippedEventDetector.Coverage;

class SkippedEventDetectorTest {

    @Test
    void whatASegmentPassedSinceTheLastCheckIsItsAdvanceWithoutItsGapsPlusTheGapsItStoppedWaitingFor() {
        Coverage before = new Coverage(10, new TreeSet<>(List.of(7L, 9L)));
        Coverage after = new Coverage(14, new TreeSet<>(List.of(9L, 12L)));

        assertThat(SkippedEventDetector.newlyCovered(before, after)).containsExactly(7L, 11L, 13L, 14L);
    }

    @Test
    void aSegmentThatDidNotMoveAndKeptItsGapsPassedNothing() {
        Coverage same = new Coverage(10, new TreeSet<>(List.of(7L)));

        assertThat(SkippedEventDetector.newlyCovered(same, same)).isEmpty();
    }
}
