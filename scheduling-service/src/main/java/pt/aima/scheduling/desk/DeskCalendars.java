package pt.aima.scheduling.desk;

import pt.aima.scheduling.schedule.CapacityPeriod;
import pt.aima.scheduling.schedule.Closure;

/** The desks' calendars as the scheduler reads them, written in the transaction that stores the desk's event. */
public interface DeskCalendars {

    void record(DeskId deskId, CapacityPeriod period);

    void record(DeskId deskId, Closure closure);
}
