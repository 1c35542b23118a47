package pt.aima.platform.projection.rebuild;

import java.util.List;
import org.axonframework.serialization.Revision;
import pt.aima.platform.eventstore.StoredAs;

/**
 * An operator started a blue/green rebuild of a projection. The operator is the event's actor.
 *
 * @param tables the tables rebuilt into a copy
 */
@StoredAs("platform.ProjectionRebuildStarted")
@Revision("1")
public record ProjectionRebuildStarted(String projection, String rebuildId, List<String> tables, String reason) {}
