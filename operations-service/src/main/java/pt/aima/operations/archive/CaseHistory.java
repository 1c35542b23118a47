package pt.aima.operations.archive;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Every archived event of one case, in {@link LogicalOrder}: what a read model folds. The same events give the same
 * history whichever order they were received in, and a redelivered event is not in the archive twice.
 */
public record CaseHistory(UUID caseId, List<ArchivedEvent> events) {

    public CaseHistory {
        for (ArchivedEvent event : events) {
            if (!event.caseId().equals(caseId)) {
                throw new IllegalArgumentException("event " + event.eventId() + " is not of case " + caseId);
            }
        }
        List<ArchivedEvent> sorted = new ArrayList<>(events);
        sorted.sort(LogicalOrder.EVENTS);
        events = List.copyOf(sorted);
    }

    public static CaseHistory of(UUID caseId, Collection<ArchivedEvent> events) {
        return new CaseHistory(caseId, List.copyOf(events));
    }
}
