package pt.aima.platform.projection.rebuild;

import org.axonframework.serialization.Revision;
import pt.aima.platform.eventstore.StoredAs;

/**
 * A rebuild stopped before it could compare (a handler failed on an event, the swap could not take its locks, the
 * service stopped): nothing switched. The operator who started the rebuild is the event's actor.
 */
@StoredAs("platform.ProjectionRebuildFailed")
@Revision("1")
public record ProjectionRebuildFailed(String projection, String rebuildId, String state, String failure) {}
