package pt.aima.scheduling.appointment;

import java.time.LocalDate;
import java.time.LocalDateTime;
import pt.aima.kernel.ids.CaseId;
import pt.aima.scheduling.schedule.QueuedCase;

/**
 * The queue and the desks' slots as the scheduler reads them, written in the transaction that stores the event that
 * changes them: they always agree with the event store. The desks' slot table refuses a slot taken twice: the last
 * guard against double booking, whatever happens above it.
 */
public interface SchedulingLedger {

    /** The case waits, with these facts; any slots it held are free again. */
    void waiting(QueuedCase queued);

    /**
     * The household's consecutive slots are taken.
     *
     * @throws RuntimeException when any of them is already taken: the whole transaction rolls back
     */
    void book(
            CaseId caseId,
            String deskId,
            LocalDate day,
            int firstIndex,
            int slots,
            LocalDateTime startsAt,
            int minutes);

    /** The case waits no more: flagged to a caseworker (its slots are freed) or seen (its slots stay as history). */
    void leave(CaseId caseId, boolean freeSlots);
}
