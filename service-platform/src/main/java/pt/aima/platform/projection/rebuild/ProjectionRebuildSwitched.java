package pt.aima.platform.projection.rebuild;

import org.axonframework.serialization.Revision;
import pt.aima.platform.eventstore.StoredAs;

/**
 * A rebuilt copy equalled the live tables at the same global index and replaced them; the projection's processor
 * continues from that index. The operator who started the rebuild is the event's actor.
 *
 * @param globalIndex the index both copies had applied when compared
 * @param checksum their checksum (equal)
 * @param rows the rows of all the projection's tables
 */
@StoredAs("platform.ProjectionRebuildSwitched")
@Revision("1")
public record ProjectionRebuildSwitched(
        String projection, String rebuildId, long globalIndex, String checksum, long rows) {}
