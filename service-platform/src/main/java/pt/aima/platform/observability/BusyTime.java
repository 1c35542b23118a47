package pt.aima.platform.observability;

import java.time.Duration;

/**
 * How long a component spent handling messages over the last ten minutes, in constant memory: sixty ten-second slots,
 * each the sum of the handling times of the messages that finished in it, so a slot older than the window counts no
 * more and is reused. The capacity gauge ({@code <prefix>.capacity}) is this sum over the window's length.
 *
 * <p>Axon's capacity monitor keeps every message's time for the whole window instead (its {@code
 * SlidingTimeWindowReservoir}: a skip-list node and two boxed longs per message, trimmed on every 256th message or
 * when the gauge is read). At the backlog benchmark's rates that was millions of entries per service, most of the old
 * generation, and with no scrape of the gauge they stayed after the traffic stopped: in a 100,000-case run
 * notification-service's collector took two fifths of its CPU and its e-mails went at a quarter of their pace
 * (docs/scaling.md).
 */
final class BusyTime {

    private static final Duration WINDOW = Duration.ofMinutes(10);

    private static final int SLOTS = 60;

    private static final long SLOT_NANOS = WINDOW.toNanos() / SLOTS;

    private final Slot[] slots = new Slot[SLOTS];

    BusyTime() {
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = new Slot();
        }
    }

    /**
     * @param finishedAt the monotonic time (ns) the message was done with
     * @param took how long it took (ns)
     */
    void record(long finishedAt, long took) {
        long number = Math.floorDiv(finishedAt, SLOT_NANOS);
        Slot slot = slots[(int) Math.floorMod(number, (long) SLOTS)];
        synchronized (slot) {
            if (slot.number != number) {
                slot.number = number;
                slot.busy = 0;
            }
            slot.busy += took;
        }
    }

    /** The share of the window spent handling messages at monotonic time {@code now}: 1 is one thread busy throughout. */
    double share(long now) {
        long current = Math.floorDiv(now, SLOT_NANOS);
        long busy = 0;
        for (Slot slot : slots) {
            synchronized (slot) {
                if (slot.number > current - SLOTS && slot.number <= current) {
                    busy += slot.busy;
                }
            }
        }
        return (double) busy / WINDOW.toNanos();
    }

    private static final class Slot {
        private long number = Long.MIN_VALUE;
        private long busy;
    }
}
