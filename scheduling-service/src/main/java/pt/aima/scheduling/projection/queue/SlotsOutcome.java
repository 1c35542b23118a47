package pt.aima.scheduling.projection.queue;

import java.util.List;
import org.springframework.stereotype.Component;
import pt.aima.platform.audit.OutcomePart;
import pt.aima.platform.audit.OutcomeParts;

/**
 * The slot assignments' part of scheduling-service's outcome checksum: which case holds which slot of which desk on
 * which day (one row per member's slot), and where each case stands in the queue. Booking times, the flows that queued
 * the cases, the time of registration (whose order, not value, orders the queue) and the day a case joined the queue
 * (the day the service recorded it, by the system's clock) are left out.
 */
@Component
class SlotsOutcome implements OutcomeParts {

    @Override
    public List<OutcomePart> outcomeParts() {
        return List.of(
                new OutcomePart(
                        "desk-slots",
                        "every slot taken: desk, day, slot index, case, member index, start, duration",
                        """
                        select desk_id, day, slot_index, case_id, member_index, starts_at, duration_minutes
                        from desk_slot
                        order by desk_id, day, slot_index
                        """),
                new OutcomePart(
                        "queue",
                        "every case that joined the queue: state, submission date, household size, region, court"
                                + " deadline, previous appointment, not before, queued on",
                        """
                        select case_id, state, submitted_on, household_size, region, court_deadline,
                               previous_starts_at, not_before
                        from queue_entry
                        order by case_id
                        """));
    }
}
