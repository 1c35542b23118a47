package pt.aima.platform.projection;

import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;

/**
 * Processing groups whose handlers run in the thread and transaction of the command that stores the event: Axon's
 * <b>subscribing</b> processors, with every failure propagated, so what they write commits with the event or not at
 * all and a failure fails the command (and so the Kafka record's processing, which is retried) instead of being
 * logged and lost. They have no token: nothing replays them.
 */
public final class InCommandTransaction {

    private InCommandTransaction() {}

    /** The configuration that makes {@code groups} subscribing, failures propagated; declare it as a bean. */
    public static ConfigurerModule groups(String... groups) {
        List<String> names = List.of(groups);
        return configurer -> names.forEach(group -> configurer
                .eventProcessing()
                .registerSubscribingEventProcessor(group)
                .registerListenerInvocationErrorHandler(group, configuration -> PropagatingErrorHandler.instance()));
    }
}
