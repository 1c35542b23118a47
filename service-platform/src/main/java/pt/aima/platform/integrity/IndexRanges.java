package pt.aima.platform.integrity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A set of global indexes as sorted, disjoint, non-adjacent ranges, written {@code 3-5,9,12-40} (the empty set is the
 * empty string). Checkpoints name the indexes that held no event when they were signed this way: usually a few, but
 * a jump of the sequence leaves one long run, which stays one range.
 */
public final class IndexRanges {

    /** An inclusive range of global indexes. */
    public record Range(long first, long last) {
        public Range {
            if (last < first) {
                throw new IllegalArgumentException("empty range " + first + "-" + last);
            }
        }

        public long size() {
            return last - first + 1;
        }

        public boolean contains(long index) {
            return index >= first && index <= last;
        }

        @Override
        public String toString() {
            return first == last ? Long.toString(first) : first + "-" + last;
        }
    }

    public static final IndexRanges NONE = new IndexRanges(List.of());

    private final List<Range> ranges;

    private IndexRanges(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Any ranges, in any order, overlapping or not. */
    public static IndexRanges of(Collection<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> Long.compare(a.first(), b.first()));
        List<Range> merged = new ArrayList<>();
        for (Range range : sorted) {
            if (!merged.isEmpty() && range.first() <= merged.getLast().last() + 1) {
                Range last = merged.removeLast();
                merged.add(new Range(last.first(), Math.max(last.last(), range.last())));
            } else {
                merged.add(range);
            }
        }
        return new IndexRanges(merged);
    }

    public static IndexRanges parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Range> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            int dash = part.indexOf('-');
            ranges.add(
                    dash < 0
                            ? new Range(Long.parseLong(part.strip()), Long.parseLong(part.strip()))
                            : new Range(
                                    Long.parseLong(part.substring(0, dash).strip()),
                                    Long.parseLong(part.substring(dash + 1).strip())));
        }
        return of(ranges);
    }

    public List<Range> ranges() {
        return ranges;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean contains(long index) {
        int low = 0;
        int high = ranges.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            Range range = ranges.get(middle);
            if (index < range.first()) {
                high = middle - 1;
            } else if (index > range.last()) {
                low = middle + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** How many indexes the set holds. */
    public long count() {
        return ranges.stream().mapToLong(Range::size).sum();
    }

    public IndexRanges with(Range range) {
        List<Range> all = new ArrayList<>(ranges);
        all.add(range);
        return of(all);
    }

    /** This set without {@code removed}. */
    public IndexRanges without(Collection<Long> removed) {
        TreeSet<Long> gone = new TreeSet<>(removed);
        List<Range> kept = new ArrayList<>();
        for (Range range : ranges) {
            long from = range.first();
            for (Long index : gone.subSet(range.first(), true, range.last(), true)) {
                if (index > from) {
                    kept.add(new Range(from, index - 1));
                }
                from = index + 1;
            }
            if (from <= range.last()) {
                kept.add(new Range(from, range.last()));
            }
        }
        return new IndexRanges(kept);
    }

    /** The indexes of {@code first..last} that are not in this set, as ranges. */
    public List<Range> complementWithin(long first, long last) {
        List<Range> outside = new ArrayList<>();
        long from = first;
        for (Range range : ranges) {
            if (range.last() < from) {
                continue;
            }
            if (range.first() > last) {
                break;
            }
            if (range.first() > from) {
                outside.add(new Range(from, range.first() - 1));
            }
            from = range.last() + 1;
            if (from > last) {
                break;
            }
        }
        if (from <= last) {
            outside.add(new Range(from, last));
        }
        return outside;
    }

    @Override
    public String toString() {
        return String.join(",", ranges.stream().map(Range::toString).toList());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IndexRanges that && ranges.equals(that.ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }
}
