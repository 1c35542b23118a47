package pt.aima.platform.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IndexRangesTest {

    @Test
    void overlappingAndAdjacentRangesMergeAndPrintCompactly() {
        IndexRanges ranges = IndexRanges.of(
                List.of(new IndexRanges.Range(10, 12), new IndexRanges.Range(3, 3), new IndexRanges.Range(13, 20)));

        assertThat(ranges).hasToString("3,10-20");
        assertThat(IndexRanges.parse("3,10-20")).isEqualTo(ranges);
        assertThat(IndexRanges.parse("")).isEqualTo(IndexRanges.NONE);
        assertThat(ranges.count()).isEqualTo(12);
    }

    @Test
    void removingIndexesSplitsRanges() {
        IndexRanges ranges = IndexRanges.parse("1-10");

        assertThat(ranges.without(List.of(1L, 5L, 6L, 10L))).hasToString("2-4,7-9");
        assertThat(ranges.without(List.of(11L))).isEqualTo(ranges);
    }

    @Test
    void theComplementIsWhatIsNotInTheSet() {
        IndexRanges holes = IndexRanges.parse("3,6-7");

        assertThat(holes.complementWithin(1, 9))
                .containsExactly(new IndexRanges.Range(1, 2), new IndexRanges.Range(4, 5), new IndexRanges.Range(8, 9));
        assertThat(holes.complementWithin(6, 7)).isEmpty();
        assertThat(holes.contains(7)).isTrue();
        assertThat(holes.contains(5)).isFalse();
    }
}
