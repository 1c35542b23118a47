package pt.aima.scheduling.appointment;

import pt.aima.kernel.ids.CaseId;

/**
 * Finds a case its appointment slot. The seam between the appointment and the desks' capacity: the rules of who goes
 * first and where (household together, court orders first, several desks) live behind it, not in the aggregate.
 *
 * <p>Called inside the command's transaction: the slot is taken if and only if the event that books it is stored.
 */
public interface SlotAllocator {

    /**
     * Takes a slot for the case; asked again for the same case, it answers the slot the case already holds.
     *
     * @return the slot, now the case's
     */
    Slot allocate(CaseId caseId);
}
