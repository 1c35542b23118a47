package pt.aima.operations.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Nearest-rank percentiles on distributions whose percentiles are known. */
class NearestRankTest {

    @Test
    void oneToAHundredHasEachPercentileAtItsOwnValue() {
        NearestRank values = NearestRank.of(LongStream.rangeClosed(1, 100).toArray());

        assertThat(values.percentile(50)).isEqualTo(50);
        assertThat(values.percentile(80)).isEqualTo(80);
        assertThat(values.percentile(93)).isEqualTo(93);
        assertThat(values.percentile(100)).isEqualTo(100);
        assertThat(values.percentile(1)).isEqualTo(1);
    }

    @Test
    void tenUnsortedValuesTakeTheValueAtTheRoundedUpRank() {
        // sorted: 3 6 7 8 8 10 13 15 16 20
        NearestRank values = NearestRank.of(20, 8, 3, 16, 7, 13, 8, 6, 15, 10);

        assertThat(values.percentile(25)).as("rank ceil(2.5) = 3").isEqualTo(7);
        assertThat(values.percentile(50)).as("rank 5").isEqualTo(8);
        assertThat(values.percentile(80)).as("rank 8, exactly").isEqualTo(15);
        assertThat(values.percentile(93)).as("rank ceil(9.3) = 10").isEqualTo(20);
        assertThat(values.count()).isEqualTo(10);
    }

    @Test
    void fiveValuesAsTheTextbookExampleGivesThem() {
        NearestRank values = NearestRank.of(15, 20, 35, 40, 50);

        assertThat(values.percentile(5)).isEqualTo(15);
        assertThat(values.percentile(30)).isEqualTo(20);
        assertThat(values.percentile(40)).isEqualTo(20);
        assertThat(values.percentile(50)).isEqualTo(35);
        assertThat(values.percentile(100)).isEqualTo(50);
    }

    @Test
    void aSkewedDistributionKeepsItsTailInTheHighPercentiles() {
        // 90 cases of 10 days and 10 of 100: the median and p80 are 10, p93 is in the tail
        long[] days = LongStream.concat(
                        LongStream.generate(() -> 10).limit(90),
                        LongStream.generate(() -> 100).limit(10))
                .toArray();
        NearestRank values = NearestRank.of(days);

        assertThat(values.percentile(50)).isEqualTo(10);
        assertThat(values.percentile(80)).isEqualTo(10);
        assertThat(values.percentile(90)).isEqualTo(10);
        assertThat(values.percentile(91)).isEqualTo(100);
        assertThat(values.percentile(93)).isEqualTo(100);
    }

    @Test
    void oneValueIsEveryPercentile() {
        assertThat(NearestRank.of(42).percentile(1)).isEqualTo(42);
        assertThat(NearestRank.of(42).percentile(93)).isEqualTo(42);
    }

    @Test
    void refusesPercentilesOfNothingAndOutsideOneToAHundred() {
        assertThatThrownBy(() -> NearestRank.of().percentile(50)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> NearestRank.of(1, 2).percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NearestRank.of(1, 2).percentile(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
