package pt.aima.operations.timing;

import java.util.Arrays;

/**
 * Percentiles by the nearest-rank method: the P-th percentile of N values is the value at rank ⌈P/100 × N⌉ (1-based)
 * of the values sorted ascending. It is always one of the values (never an interpolation between two), the 100th
 * percentile is the largest, and at least P% of the values are at or below it. PostgreSQL's {@code percentile_disc}
 * counts the same.
 */
public final class NearestRank {

    private final long[] sorted;

    private NearestRank(long[] sorted) {
        this.sorted = sorted;
    }

    /** The values, in any order (copied). */
    public static NearestRank of(long... values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return new NearestRank(sorted);
    }

    public int count() {
        return sorted.length;
    }

    /**
     * The {@code percent}-th percentile.
     *
     * @param percent 1 to 100
     * @throws IllegalStateException there are no values
     */
    public long percentile(int percent) {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("a percentile is 1 to 100, not " + percent);
        }
        if (sorted.length == 0) {
            throw new IllegalStateException("no values");
        }
        return sorted[rank(percent, sorted.length) - 1];
    }

    /** ⌈percent × n / 100⌉ in whole numbers (no rounding error at exact ranks such as 80% of 10). */
    static int rank(int percent, int n) {
        return (int) (((long) percent * n + 99) / 100);
    }
}
