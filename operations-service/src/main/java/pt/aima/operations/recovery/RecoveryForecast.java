package pt.aima.operations.recovery;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The recovery operation against its targets, computed from three facts: how many cases are open now, how many were
 * registered and how many decided on each day. Nothing here reads a clock: {@code today} is given.
 *
 * <ul>
 *   <li><b>burn-down</b>: the cases open at the end of each day of the window, counted back from those open now
 *       (open at the end of the day before = open at the end of the day − registered that day + decided that day);
 *   <li><b>output</b>: decisions per working day over the window's complete days (today is not over) and over the last
 *       {@code recentWorkingDays} working days before today; decisions taken on a weekend or holiday count for the
 *       period they fall in, divided by its working days;
 *   <li><b>projection</b>: the open cases ÷ the recent output per working day, rounded up to whole working days,
 *       counted from tomorrow: the working day on which the backlog reaches zero at that pace. With no output there is
 *       no date, and the forecast says so.
 * </ul>
 */
public final class RecoveryForecast {

    /**
     * One day of the burn-down.
     *
     * @param complete false for today (the figures so far)
     * @param registered cases registered that day (new work)
     * @param decided cases decided that day
     * @param openAtEnd cases open at the end of the day (for today: now)
     */
    public record Day(
            LocalDate date, boolean workingDay, boolean complete, long registered, long decided, long openAtEnd) {}

    /**
     * Output over a period of complete days.
     *
     * @param workingDays the working days in the period
     * @param decided the decisions taken in the period (any day of it)
     * @param decidedPerWorkingDay decided ÷ working days (one decimal); null when the period has no working day
     * @param shareOfTarget decided per working day ÷ the target (two decimals); null when there is none
     */
    public record Output(
            LocalDate from,
            LocalDate to,
            int workingDays,
            long decided,
            BigDecimal decidedPerWorkingDay,
            BigDecimal shareOfTarget) {}

    /**
     * When the backlog reaches zero at a given pace.
     *
     * @param decisionsPerWorkingDay the pace assumed
     * @param workingDaysNeeded open cases ÷ pace, rounded up; null when the pace is zero
     * @param backlogZeroOn the working day the last open case would be decided (from tomorrow on); today when nothing is
     *     open; null when the pace is zero
     * @param note why there is no date, else null
     */
    public record Projection(
            BigDecimal decisionsPerWorkingDay, Long workingDaysNeeded, LocalDate backlogZeroOn, String note) {}

    /**
     * The target date, what it takes and whether the recent pace meets it.
     *
     * @param workingDaysLeft the working days from tomorrow to the target date, both included
     * @param decisionsPerWorkingDayNeeded open cases ÷ working days left, rounded up; null when none are left
     * @param onTrack whether the backlog reaches zero by the target date at the recent pace
     */
    public record TargetDate(
            LocalDate backlogZeroBy,
            int workingDaysLeft,
            Long decisionsPerWorkingDayNeeded,
            boolean onTrack,
            String note) {}

    /**
     * @param window the window's complete days (the {@code windowDays} days before today)
     * @param recent the last {@code recentWorkingDays} working days before today and the days between them
     * @param atRecentPace when the backlog reaches zero at the recent output
     * @param atTargetPace when it reaches zero at the target output
     * @param targetDate the target date, null when none is configured
     * @param days the burn-down: each day of the window, then today
     */
    public record Forecast(
            LocalDate asOf,
            long open,
            RecoveryTargets targets,
            Output window,
            Output recent,
            Projection atRecentPace,
            Projection atTargetPace,
            TargetDate targetDate,
            List<Day> days) {}

    /** What the forecast is computed from. */
    public record Facts(
            LocalDate today, long openNow, Map<LocalDate, Long> registeredByDay, Map<LocalDate, Long> decidedByDay) {

        public Facts {
            Objects.requireNonNull(today, "today");
            registeredByDay = Map.copyOf(registeredByDay);
            decidedByDay = Map.copyOf(decidedByDay);
        }

        long registered(LocalDate day) {
            return registeredByDay.getOrDefault(day, 0L);
        }

        long decided(LocalDate day) {
            return decidedByDay.getOrDefault(day, 0L);
        }
    }

    private final RecoveryTargets targets;
    private final WorkingCalendar calendar;

    public RecoveryForecast(RecoveryTargets targets, WorkingCalendar calendar) {
        this.targets = Objects.requireNonNull(targets, "targets");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    /** The first day whose registrations and decisions {@link #forecast} reads. */
    public LocalDate firstDayNeeded(LocalDate today, int windowDays, int recentWorkingDays) {
        LocalDate windowFrom = today.minusDays(windowDays);
        LocalDate recentFrom = calendar.workingDaysBefore(today, recentWorkingDays);
        return windowFrom.isBefore(recentFrom) ? windowFrom : recentFrom;
    }

    /**
     * @param windowDays how many complete days before today the burn-down shows (at least 1)
     * @param recentWorkingDays how many working days before today the recent output is measured over (at least 1)
     */
    public Forecast forecast(Facts facts, int windowDays, int recentWorkingDays) {
        if (windowDays < 1 || recentWorkingDays < 1) {
            throw new IllegalArgumentException("windowDays and recentWorkingDays must be at least 1");
        }
        LocalDate today = facts.today();
        LocalDate yesterday = today.minusDays(1);
        Output window = output(facts, today.minusDays(windowDays), yesterday);
        Output recent = output(facts, calendar.workingDaysBefore(today, recentWorkingDays), yesterday);
        long open = facts.openNow();

        Projection atRecentPace;
        if (open == 0) {
            atRecentPace = new Projection(recent.decidedPerWorkingDay(), 0L, today, "nothing is open");
        } else if (recent.decided() == 0) {
            atRecentPace = new Projection(
                    BigDecimal.ZERO.setScale(1),
                    null,
                    null,
                    "no case was decided in the last " + recentWorkingDays
                            + " working days: at that pace the backlog never reaches zero");
        } else {
            // open ÷ (decided ÷ working days), rounded up, in whole numbers
            long needed = ceilDiv(open * recent.workingDays(), recent.decided());
            atRecentPace = new Projection(
                    recent.decidedPerWorkingDay(), needed, calendar.workingDaysAfter(today, needed), null);
        }
        long neededAtTarget = ceilDiv(open, targets.decisionsPerWorkingDay());
        Projection atTargetPace = new Projection(
                BigDecimal.valueOf(targets.decisionsPerWorkingDay()).setScale(1),
                neededAtTarget,
                calendar.workingDaysAfter(today, neededAtTarget),
                open == 0 ? "nothing is open" : null);

        TargetDate targetDate = null;
        if (targets.backlogZeroBy() != null) {
            LocalDate by = targets.backlogZeroBy();
            int left = calendar.workingDaysBetween(today.plusDays(1), by);
            boolean onTrack = atRecentPace.backlogZeroOn() != null
                    && !atRecentPace.backlogZeroOn().isAfter(by);
            if (open == 0) {
                targetDate = new TargetDate(by, left, 0L, true, "nothing is open");
            } else if (left == 0) {
                targetDate = new TargetDate(
                        by, 0, null, false, "no working day is left before the target date; " + open + " cases open");
            } else {
                targetDate = new TargetDate(by, left, ceilDiv(open, left), onTrack, null);
            }
        }

        List<Day> days = new ArrayList<>();
        long openAtEnd = open;
        for (LocalDate d = today; !d.isBefore(today.minusDays(windowDays)); d = d.minusDays(1)) {
            days.addFirst(new Day(
                    d, calendar.isWorkingDay(d), d.isBefore(today), facts.registered(d), facts.decided(d), openAtEnd));
            openAtEnd = openAtEnd - facts.registered(d) + facts.decided(d);
        }
        return new Forecast(today, open, targets, window, recent, atRecentPace, atTargetPace, targetDate, days);
    }

    private Output output(Facts facts, LocalDate from, LocalDate to) {
        long decided = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            decided += facts.decided(d);
        }
        int workingDays = calendar.workingDaysBetween(from, to);
        BigDecimal perDay = workingDays == 0
                ? null
                : BigDecimal.valueOf(decided).divide(BigDecimal.valueOf(workingDays), 1, RoundingMode.HALF_UP);
        BigDecimal share = workingDays == 0
                ? null
                : BigDecimal.valueOf(decided)
                        .divide(
                                BigDecimal.valueOf((long) workingDays * targets.decisionsPerWorkingDay()),
                                2,
                                RoundingMode.HALF_UP);
        return new Output(from, to, workingDays, decided, perDay, share);
    }

    private static long ceilDiv(long a, long b) {
        return Math.ceilDiv(a, b);
    }
}
