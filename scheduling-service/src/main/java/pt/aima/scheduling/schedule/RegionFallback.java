package pt.aima.scheduling.schedule;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import pt.aima.kernel.application.Region;

/**
 * When the cases of {@code region} may be booked at a desk of a neighbouring region: on appointment days from {@code
 * effectiveFrom} on, at the desks of {@code neighbours}, once the case has waited {@code afterWaitingDays} in the
 * queue (an appointment day at least that many days after it joined). A region with no desk at all does not wait: its
 * cases go to the neighbours' desks from {@code effectiveFrom} on.
 *
 * <p>A later policy for the same region (a later {@code effectiveFrom}) replaces an earlier one from its day on; one
 * with no neighbours ends the fallback. Without any policy a case is only ever booked in its own region.
 */
public record RegionFallback(Region region, Set<Region> neighbours, int afterWaitingDays, LocalDate effectiveFrom) {

    public RegionFallback {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        neighbours = neighbours == null || neighbours.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(neighbours));
        if (neighbours.contains(region)) {
            throw new IllegalArgumentException(region + " cannot be its own neighbour");
        }
        if (afterWaitingDays < 0) {
            throw new IllegalArgumentException("a waiting time cannot be negative");
        }
    }

    /**
     * Whether a case of this policy's region, waiting since {@code waitingSince}, may be booked on {@code day} at a
     * desk of {@code deskRegion}; {@code homeHasDesks} is false when its own region has no desk at all.
     */
    boolean allows(Region deskRegion, LocalDate day, LocalDate waitingSince, boolean homeHasDesks) {
        if (!neighbours.contains(deskRegion) || day.isBefore(effectiveFrom)) {
            return false;
        }
        return !homeHasDesks || !day.isBefore(waitingSince.plusDays(afterWaitingDays));
    }
}
