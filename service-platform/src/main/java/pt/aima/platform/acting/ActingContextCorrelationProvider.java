package pt.aima.platform.acting;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Copies the acting context from a command to every event it causes. The causation of an event is the command's
 * own cause (the request or the integration event), so auditors can follow a flow across services.
 */
public class ActingContextCorrelationProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        for (String key : new String[] {
            ActingContext.ACTOR_SUBJECT,
            ActingContext.ACTOR_ROLE,
            ActingContext.CORRELATION_ID,
            ActingContext.CAUSATION_ID
        }) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        return data;
    }
}
