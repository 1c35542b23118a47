package pt.aima.scheduling.allocation;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.Objects;

/**
 * The slots of one desk: {@code slotsPerDay} appointments of {@code slotMinutes} each from {@code firstSlot}, Monday
 * to Friday. Public holidays are not known yet.
 */
public final class DeskCalendar {

    private static final int MINUTES_PER_DAY = 24 * 60;

    private final int slotsPerDay;
    private final LocalTime firstSlot;
    private final int slotMinutes;

    public DeskCalendar(int slotsPerDay, LocalTime firstSlot, int slotMinutes) {
        Objects.requireNonNull(firstSlot, "firstSlot");
        if (slotsPerDay < 1 || slotMinutes < 1) {
            throw new IllegalArgumentException("a desk has at least one slot of at least one minute a day");
        }
        if (firstSlot.toSecondOfDay() / 60 + (long) slotsPerDay * slotMinutes > MINUTES_PER_DAY) {
            throw new IllegalArgumentException("a desk's slots must end by midnight");
        }
        this.slotsPerDay = slotsPerDay;
        this.firstSlot = firstSlot;
        this.slotMinutes = slotMinutes;
    }

    /**
     * One slot of the desk's calendar.
     *
     * @param index 0 for the day's first slot
     */
    public record Position(LocalDate day, int index) implements Comparable<Position> {

        private static final Comparator<Position> ORDER =
                Comparator.comparing(Position::day).thenComparingInt(Position::index);

        @Override
        public int compareTo(Position other) {
            return ORDER.compare(this, other);
        }
    }

    /** The first slot a case may be booked into when the allocation happens on {@code today}: tomorrow at the earliest. */
    public Position firstBookableAfter(LocalDate today) {
        return new Position(nextWorkingDay(today), 0);
    }

    /** The slot after {@code position}, on the next working day once the day is full. */
    public Position next(Position position) {
        return normalise(new Position(position.day(), position.index() + 1));
    }

    /** The position itself if it is a slot of the calendar, else the next slot that is. */
    public Position normalise(Position position) {
        LocalDate day = position.day();
        int index = position.index();
        if (!isWorkingDay(day) || index >= slotsPerDay) {
            return new Position(nextWorkingDay(day), 0);
        }
        return position;
    }

    public LocalDateTime startsAt(Position position) {
        return position.day().atTime(firstSlot.plusMinutes((long) position.index() * slotMinutes));
    }

    public int slotMinutes() {
        return slotMinutes;
    }

    static boolean isWorkingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    static LocalDate nextWorkingDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (!isWorkingDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }
}
