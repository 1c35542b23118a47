package pt.aima.platform.acting;

import java.util.Map;
import java.util.Objects;
import org.axonframework.messaging.MetaData;
import pt.aima.kernel.envelope.Actor;

/**
 * Who is acting and in which flow: recorded on every command and carried onto every event it causes.
 *
 * @param correlationId the business flow, from the first request onwards
 * @param causationId the request or integration event that directly caused the command
 */
public record ActingContext(Actor actor, String correlationId, String causationId) {

    public static final String ACTOR_SUBJECT = "aima.actor.subject";
    public static final String ACTOR_ROLE = "aima.actor.role";
    public static final String CORRELATION_ID = "aima.correlationId";
    public static final String CAUSATION_ID = "aima.causationId";

    public ActingContext {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
    }

    public MetaData asMetaData() {
        return MetaData.from(Map.of(
                ACTOR_SUBJECT,
                actor.subject(),
                ACTOR_ROLE,
                actor.role(),
                CORRELATION_ID,
                correlationId,
                CAUSATION_ID,
                causationId));
    }

    /** Reads the context back from a message's metadata; events written without one are attributed to the system. */
    public static ActingContext from(MetaData metaData, String fallbackId) {
        Object subject = metaData.get(ACTOR_SUBJECT);
        Object role = metaData.get(ACTOR_ROLE);
        Object correlation = metaData.get(CORRELATION_ID);
        Object causation = metaData.get(CAUSATION_ID);
        return new ActingContext(
                subject == null || role == null
                        ? Actor.system("unknown")
                        : new Actor(subject.toString(), role.toString()),
                correlation == null ? fallbackId : correlation.toString(),
                causation == null ? fallbackId : causation.toString());
    }
}
