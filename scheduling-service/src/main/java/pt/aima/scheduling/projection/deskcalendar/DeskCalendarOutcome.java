package pt.aima.scheduling.projection.deskcalendar;

import java.util.List;
import org.springframework.stereotype.Component;
import pt.aima.platform.audit.OutcomePart;
import pt.aima.platform.audit.OutcomeParts;

/**
 * The desks' part of scheduling-service's outcome checksum: every desk's region, capacity periods and closures, in
 * the order each desk was given them. A reproduction runs with the same desks: this part shows that it did.
 */
@Component
class DeskCalendarOutcome implements OutcomeParts {

    @Override
    public List<OutcomePart> outcomeParts() {
        return List.of(
                new OutcomePart(
                        "desk-capacity",
                        "every capacity period of every desk, in the order given: desk, region, effective from and"
                                + " until, opening days, slots per day, first slot, slot minutes",
                        """
                        select c.desk_id, r.region, c.effective_from, c.effective_until, c.opening_days,
                               c.slots_per_day, c.first_slot, c.slot_minutes
                        from desk_capacity c left join desk_region r on r.desk_id = c.desk_id
                        order by c.desk_id, c.id
                        """),
                new OutcomePart(
                        "desk-closures",
                        "every closure of every desk, in the order given: desk, from, until, reason",
                        """
                        select desk_id, closed_from, closed_until, reason
                        from desk_closure
                        order by desk_id, id
                        """));
    }
}
