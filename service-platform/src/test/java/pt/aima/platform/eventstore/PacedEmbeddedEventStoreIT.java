package pt.aima.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pt.aima.fixture.cachedapp.CachedTestApplication;
import pt.aima.fixture.cachedapp.Counter;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.envelope.Actor;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.acting.ActingContext;

/**
 * The service's event store with its reader paced (the default interval): a burst of commits from several threads,
 * most of them within one interval of another, reaches a tailing stream whole, each event once (the concurrent commits
 * take their global indexes out of commit order, so the stream fills gaps as they commit).
 */
@SpringBootTest(
        classes = CachedTestApplication.class,
        properties = {"spring.application.name=paced-event-store-it", "aima.service.name=paced-event-store-it"})
class PacedEmbeddedEventStoreIT {

    private static final ActingContext OPERATOR =
            new ActingContext(new Actor("operator-1", "OPERATIONS"), "it-paced-store", "it-paced-store");
    private static final int COMMITS = 60;

    @Autowired
    EventStore eventStore;

    @Autowired
    ActingCommandGateway commands;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "platform_paced_event_store_it");
    }

    @Test
    void theServicesEventStoreIsPaced() {
        assertThat(eventStore).isInstanceOf(PacedEmbeddedEventStore.class);
    }

    @Test
    void aBurstOfCommitsReachesATailingStreamWholeAndOnce() throws Exception {
        Set<String> counters = new HashSet<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(eventStore.createHeadToken())) {
            stream.hasNextAvailable(); // tails the store's reader from here on
            ExecutorService senders = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> sent = new ArrayList<>();
                for (int i = 0; i < COMMITS; i++) {
                    String counter = UUID.randomUUID().toString();
                    counters.add(counter);
                    sent.add(senders.submit(() -> commands.send(new Counter.Increment(counter), OPERATOR)));
                }
                for (Future<?> future : sent) {
                    future.get(1, TimeUnit.MINUTES);
                }
            } finally {
                senders.shutdownNow();
            }

            List<String> received = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (received.size() < COMMITS && System.nanoTime() < deadline) {
                if (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    if (event instanceof DomainEventMessage<?> domain
                            && counters.contains(domain.getAggregateIdentifier())) {
                        received.add(domain.getAggregateIdentifier());
                    }
                }
            }
            assertThat(received).as("each commit's event once").doesNotHaveDuplicates();
            assertThat(received).containsExactlyInAnyOrderElementsOf(counters);
        }
    }
}
