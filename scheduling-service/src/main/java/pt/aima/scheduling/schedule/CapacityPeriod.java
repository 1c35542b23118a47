package pt.aima.scheduling.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a desk takes from {@code effectiveFrom} (to {@code effectiveUntil} inclusive, or open-ended when null): on each
 * of its opening days, {@code slotsPerDay} slots of {@code slotMinutes} from {@code firstSlot}.
 */
public record CapacityPeriod(
        LocalDate effectiveFrom,
        LocalDate effectiveUntil,
        Set<DayOfWeek> openingDays,
        int slotsPerDay,
        LocalTime firstSlot,
        int slotMinutes) {

    private static final int MINUTES_PER_DAY = 24 * 60;

    public CapacityPeriod {
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(firstSlot, "firstSlot");
        openingDays = openingDays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(openingDays));
        if (slotsPerDay < 0) {
            throw new IllegalArgumentException("a desk cannot take fewer than zero appointments a day");
        }
        if (slotMinutes < 1) {
            throw new IllegalArgumentException("a slot lasts at least a minute");
        }
        if (effectiveUntil != null && effectiveUntil.isBefore(effectiveFrom)) {
            throw new IllegalArgumentException("a period cannot end before it starts");
        }
        if (firstSlot.toSecondOfDay() / 60 + (long) slotsPerDay * slotMinutes > MINUTES_PER_DAY) {
            throw new IllegalArgumentException("a desk's slots must end by midnight");
        }
    }

    public boolean covers(LocalDate day) {
        return !day.isBefore(effectiveFrom) && (effectiveUntil == null || !day.isAfter(effectiveUntil));
    }
}
