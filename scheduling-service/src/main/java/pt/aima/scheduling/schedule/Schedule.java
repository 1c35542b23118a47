package pt.aima.scheduling.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.ids.CaseId;
import pt.aima.scheduling.schedule.QueuedCase.Lane;

/**
 * The scheduler as a pure function: given the desks' calendars, the appointments already booked and the cases waiting,
 * it answers which appointments must move and where every waiting case goes. Nothing else goes in (no clock, no
 * database, no randomness), so the same facts give the same schedule, on any instance and in any replay.
 *
 * <p>The rules:
 *
 * <ul>
 *   <li>A booking that no longer fits its desk's calendar (closed day, fewer slots, different times) moves; moved
 *       bookings keep their relative order and are served first among the non-court cases.
 *   <li>A case is booked at a desk of its own region only, unless a {@link RegionFallback} allows a neighbour's desk
 *       (after its waiting time, or at once when its region has no desk at all). A region without a desk and without
 *       a fallback, or without room, leaves its cases waiting ({@link Plan#unplaced()}); the other regions are not
 *       affected: no desk serves two regions' queues unless a fallback says so.
 *   <li>Cases are served lane by lane ({@link QueuedCase#QUEUE_ORDER}); within a lane of a region no case is placed
 *       before the one ahead of it (by day, then desk, then slot), so the order of the lane is the order of the
 *       appointments in each region.
 *   <li>A household gets consecutive slots at one desk on one day, one slot per member.
 *   <li>A court-ordered case that cannot be placed on or before its deadline is placed as early as possible and
 *       reported at risk.
 * </ul>
 */
public final class Schedule {

    public static final String DESK_CLOSED = "DESK_CLOSED";
    public static final String CAPACITY_REDUCED = "CAPACITY_REDUCED";

    private final List<DeskPlan> desks;
    private final Map<String, DeskPlan> desksById = new HashMap<>();
    private final List<Booking> bookings;
    private final List<Booking> fixed;
    private final Map<Region, List<RegionFallback>> fallbacks = new EnumMap<>(Region.class);
    private final Set<Region> regionsWithDesks = EnumSet.noneOf(Region.class);

    /**
     * @param bookings appointments still to come, which move if their desk no longer allows them
     * @param fixed slots that are taken and never move (households already seen)
     * @param fallbacks when a region's cases may go to a neighbour's desks; none: every case stays in its region
     */
    public Schedule(List<DeskPlan> desks, List<Booking> bookings, List<Booking> fixed, List<RegionFallback> fallbacks) {
        this.desks =
                desks.stream().sorted(Comparator.comparing(DeskPlan::deskId)).toList();
        this.desks.forEach(desk -> desksById.put(desk.deskId(), desk));
        this.desks.forEach(desk -> regionsWithDesks.add(desk.region()));
        this.bookings = List.copyOf(bookings);
        this.fixed = List.copyOf(fixed);
        for (RegionFallback fallback : fallbacks) {
            this.fallbacks
                    .computeIfAbsent(fallback.region(), region -> new ArrayList<>())
                    .add(fallback);
        }
        // latest effective date first; among equal dates the one configured last wins
        this.fallbacks.replaceAll((region, policies) -> {
            List<RegionFallback> ordered = new ArrayList<>(policies.reversed());
            ordered.sort(Comparator.comparing(RegionFallback::effectiveFrom).reversed());
            return List.copyOf(ordered);
        });
    }

    public Schedule(List<DeskPlan> desks, List<Booking> bookings, List<Booking> fixed) {
        this(desks, bookings, fixed, List.of());
    }

    public Schedule(List<DeskPlan> desks, List<Booking> bookings) {
        this(desks, bookings, List.of());
    }

    /** A booking that no longer fits, and why. */
    public record Displacement(Booking booking, String reasonCode, String reason) {}

    /** Where a case goes; {@code displaced} is set when it already had an appointment that had to move. */
    public record Assignment(QueuedCase queued, Booking booking, int durationMinutes, Displacement displaced) {

        public CaseId caseId() {
            return queued.caseId();
        }
    }

    /**
     * A court-ordered case whose deadline the desks' capacity cannot meet.
     *
     * @param earliestPossibleOn null when no desk has room within the horizon
     * @param hadAppointment the case lost an appointment (a closure, a capacity cut) rather than never having one
     */
    public record AtRisk(CaseId caseId, LocalDate deadline, LocalDate earliestPossibleOn, boolean hadAppointment) {}

    /** The outcome of one scheduling pass; {@code unplaced} found no room within the horizon and keep waiting. */
    public record Plan(List<Assignment> assignments, List<AtRisk> atRisk, List<QueuedCase> unplaced) {

        public Optional<Assignment> of(CaseId caseId) {
            return assignments.stream().filter(a -> a.caseId().equals(caseId)).findFirst();
        }

        /** The last day with an appointment of this plan: when the queue it served is cleared. */
        public Optional<LocalDate> clearedOn() {
            return assignments.stream().map(a -> a.booking().day()).max(Comparator.naturalOrder());
        }
    }

    /** Bookings on or after {@code today} that their desk's calendar no longer allows, in the order they were. */
    public List<Displacement> displaced(LocalDate today) {
        List<Displacement> displaced = new ArrayList<>();
        for (Booking booking : bookings) {
            if (booking.day().isBefore(today)) {
                continue;
            }
            DeskPlan desk = desksById.get(booking.deskId());
            if (desk != null && fits(desk, booking)) {
                continue;
            }
            if (desk != null && desk.closedOn(booking.day())) {
                String reason = desk.closureOn(booking.day())
                        .map(Closure::reason)
                        .orElse("The service desk is closed that day.");
                displaced.add(new Displacement(booking, DESK_CLOSED, reason));
            } else {
                displaced.add(new Displacement(
                        booking, CAPACITY_REDUCED, "The service desk takes fewer appointments that day."));
            }
        }
        displaced.sort(Comparator.comparing((Displacement d) -> d.booking().startsAt())
                .thenComparing(d -> d.booking().deskId())
                .thenComparing(d -> d.booking().queued().caseId().value()));
        return displaced;
    }

    private static boolean fits(DeskPlan desk, Booking booking) {
        return desk.slotsOn(booking.day()) >= booking.firstIndex() + booking.slots()
                && desk.startsAt(booking.day(), booking.firstIndex()).equals(booking.startsAt());
    }

    /**
     * Moves every displaced booking and places every waiting case, from {@code firstDay} to {@code lastDay}.
     *
     * @param today displaced bookings are looked for from this day on
     * @param firstDay the first day an appointment may be booked on (the day after {@code today} at the earliest)
     */
    public Plan plan(LocalDate today, LocalDate firstDay, LocalDate lastDay, List<QueuedCase> waiting) {
        List<Displacement> displaced = displaced(today);
        Map<CaseId, Displacement> displacedByCase = new HashMap<>();
        Occupancy occupancy = new Occupancy();
        for (Booking booking : fixed) {
            occupancy.take(booking.deskId(), booking.day(), booking.firstIndex(), booking.slots());
        }
        for (Booking booking : bookings) {
            occupancy.take(booking.deskId(), booking.day(), booking.firstIndex(), booking.slots());
        }
        List<QueuedCase> queue = new ArrayList<>(waiting);
        for (Displacement displacement : displaced) {
            Booking booking = displacement.booking();
            occupancy.release(booking.deskId(), booking.day(), booking.firstIndex(), booking.slots());
            displacedByCase.put(booking.queued().caseId(), displacement);
            queue.add(booking.queued().movedFrom(booking.startsAt(), null));
        }
        queue.sort(QueuedCase.QUEUE_ORDER);

        List<Assignment> assignments = new ArrayList<>();
        List<AtRisk> atRisk = new ArrayList<>();
        List<QueuedCase> unplaced = new ArrayList<>();
        Map<LaneOfRegion, Position> laneCursor = new HashMap<>();
        for (QueuedCase queued : queue) {
            LaneOfRegion lane = new LaneOfRegion(queued.region(), queued.lane());
            LocalDate earliest =
                    queued.notBefore() != null && queued.notBefore().isAfter(firstDay) ? queued.notBefore() : firstDay;
            Position from = Position.max(new Position(earliest, 0, 0), laneCursor.get(lane));
            Optional<Position> found =
                    mayBeBookedAnywhere(queued) ? find(occupancy, queued, from, lastDay) : Optional.empty();
            if (found.isEmpty()) {
                unplaced.add(queued);
                if (queued.courtDeadline() != null) {
                    atRisk.add(new AtRisk(
                            queued.caseId(), queued.courtDeadline(), null, queued.previousStartsAt() != null));
                }
                continue;
            }
            Position position = found.get();
            DeskPlan desk = desks.get(position.desk());
            occupancy.take(desk.deskId(), position.day(), position.index(), queued.householdSize());
            laneCursor.put(lane, position);
            Booking booking = new Booking(
                    queued,
                    desk.deskId(),
                    position.day(),
                    position.index(),
                    queued.householdSize(),
                    desk.startsAt(position.day(), position.index()));
            assignments.add(new Assignment(
                    queued,
                    booking,
                    queued.householdSize() * desk.slotMinutes(position.day()),
                    displacedByCase.get(queued.caseId())));
            if (queued.courtDeadline() != null && position.day().isAfter(queued.courtDeadline())) {
                atRisk.add(new AtRisk(
                        queued.caseId(), queued.courtDeadline(), position.day(), queued.previousStartsAt() != null));
            }
        }
        return new Plan(assignments, atRisk, unplaced);
    }

    /** A lane of one region's queue: the order the scheduler keeps. */
    private record LaneOfRegion(Region region, Lane lane) {}

    /** Whether any desk could ever take the case: one in its region, or a neighbour's by a fallback. */
    private boolean mayBeBookedAnywhere(QueuedCase queued) {
        if (regionsWithDesks.contains(queued.region())) {
            return true;
        }
        return fallbacks.getOrDefault(queued.region(), List.of()).stream()
                .flatMap(fallback -> fallback.neighbours().stream())
                .anyMatch(regionsWithDesks::contains);
    }

    /** Whether {@code desk} may take the case on {@code day}: a desk of its region, or a neighbour's by the fallback. */
    private boolean serves(DeskPlan desk, QueuedCase queued, LocalDate day) {
        if (desk.region() == queued.region()) {
            return true;
        }
        return fallbackOn(queued.region(), day)
                .map(fallback -> fallback.allows(
                        desk.region(), day, queued.waitingSince(), regionsWithDesks.contains(queued.region())))
                .orElse(false);
    }

    /** The fallback of {@code region} in force on {@code day}: the latest effective one. */
    private Optional<RegionFallback> fallbackOn(Region region, LocalDate day) {
        for (RegionFallback fallback : fallbacks.getOrDefault(region, List.of())) {
            if (!fallback.effectiveFrom().isAfter(day)) {
                return Optional.of(fallback);
            }
        }
        return Optional.empty();
    }

    /**
     * The first run of free consecutive slots for the household at or after {@code from}, day by day, desk by desk,
     * at the desks that serve the case.
     */
    private Optional<Position> find(Occupancy occupancy, QueuedCase queued, Position from, LocalDate lastDay) {
        int size = queued.householdSize();
        for (LocalDate day = from.day(); !day.isAfter(lastDay); day = day.plusDays(1)) {
            boolean firstDay = day.equals(from.day());
            for (int d = firstDay ? from.desk() : 0; d < desks.size(); d++) {
                DeskPlan desk = desks.get(d);
                if (!serves(desk, queued, day)) {
                    continue;
                }
                int slots = desk.slotsOn(day);
                BitSet taken = occupancy.on(desk.deskId(), day);
                int start = firstDay && d == from.desk() ? from.index() : 0;
                int run = 0;
                for (int index = start; index < slots; index++) {
                    run = taken.get(index) ? 0 : run + 1;
                    if (run == size) {
                        return Optional.of(new Position(day, d, index - size + 1));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A slot in search order: day, then desk (by id), then slot index. */
    private record Position(LocalDate day, int desk, int index) {

        private static final Comparator<Position> ORDER = Comparator.comparing(Position::day)
                .thenComparingInt(Position::desk)
                .thenComparingInt(Position::index);

        static Position max(Position a, Position b) {
            return b == null || ORDER.compare(a, b) >= 0 ? a : b;
        }
    }

    private static final class Occupancy {

        private final Map<String, Map<LocalDate, BitSet>> taken = new HashMap<>();

        BitSet on(String deskId, LocalDate day) {
            return taken.computeIfAbsent(deskId, id -> new HashMap<>()).computeIfAbsent(day, d -> new BitSet());
        }

        void take(String deskId, LocalDate day, int firstIndex, int slots) {
            on(deskId, day).set(firstIndex, firstIndex + slots);
        }

        void release(String deskId, LocalDate day, int firstIndex, int slots) {
            on(deskId, day).clear(firstIndex, firstIndex + slots);
        }
    }

    /** Whether {@code region} has a desk at all (its cases wait for one, or for a fallback, when it has none). */
    public boolean hasDesks(Region region) {
        return regionsWithDesks.contains(region);
    }

    /** Only for tests and forecasts: the desks this schedule plans with. */
    public List<DeskPlan> desks() {
        return desks;
    }

    public List<Booking> bookings() {
        return bookings;
    }

    /** The local time a booking of the given desk, day and slot would start at. */
    public LocalDateTime startsAt(String deskId, LocalDate day, int index) {
        return desksById.get(deskId).startsAt(day, index);
    }
}
