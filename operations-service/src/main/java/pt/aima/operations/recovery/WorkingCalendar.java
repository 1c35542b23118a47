package pt.aima.operations.recovery;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

/**
 * The days AIMA's desks and caseworkers work: Monday to Friday, except the public holidays configured (Portuguese
 * national holidays move every year with Easter, so they are configuration, not computed; without any, every weekday
 * counts).
 */
public final class WorkingCalendar {

    private final Set<LocalDate> holidays;

    public WorkingCalendar(Set<LocalDate> holidays) {
        this.holidays = Set.copyOf(new TreeSet<>(holidays));
    }

    public static WorkingCalendar weekdays() {
        return new WorkingCalendar(Set.of());
    }

    public Set<LocalDate> holidays() {
        return holidays;
    }

    public boolean isWorkingDay(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !holidays.contains(day);
    }

    /** The working days from {@code from} to {@code to}, both included (0 when {@code to} is before {@code from}). */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }

    /** The {@code n}-th working day before {@code day} (not counting {@code day} itself); n ≥ 1. */
    public LocalDate workingDaysBefore(LocalDate day, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, not " + n);
        }
        LocalDate d = day;
        for (int found = 0; found < n; ) {
            d = d.minusDays(1);
            if (isWorkingDay(d)) {
                found++;
            }
        }
        return d;
    }

    /** The {@code n}-th working day after {@code day} (not counting {@code day} itself); {@code day} when n is 0. */
    public LocalDate workingDaysAfter(LocalDate day, long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, not " + n);
        }
        LocalDate d = day;
        for (long found = 0; found < n; ) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                found++;
            }
        }
        return d;
    }
}
