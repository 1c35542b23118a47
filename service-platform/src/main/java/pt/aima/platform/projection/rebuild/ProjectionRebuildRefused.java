package pt.aima.platform.projection.rebuild;

import java.util.List;
import org.axonframework.serialization.Revision;
import pt.aima.platform.eventstore.StoredAs;

/**
 * A rebuilt copy differed from the live tables at the same global index: nothing switched. The operator who started
 * the rebuild is the event's actor.
 *
 * @param differingRows how many rows differ in all
 * @param differences the first of them: {@code table kind key [columns]} (keys are ids, never other values)
 */
@StoredAs("platform.ProjectionRebuildRefused")
@Revision("1")
public record ProjectionRebuildRefused(
        String projection,
        String rebuildId,
        long globalIndex,
        String liveChecksum,
        String rebuiltChecksum,
        long differingRows,
        List<String> differences) {}
