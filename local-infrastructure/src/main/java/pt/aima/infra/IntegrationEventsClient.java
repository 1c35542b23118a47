package pt.aima.infra;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import pt.aima.kernel.Topics;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.ids.CaseId;

/**
 * The other services, as a service under test sees them on Kafka: writes integration events the way the relay does
 * and reads what the service published. Integration tests use it so that the record format (key, headers, codec)
 * lives in one place and cannot drift from the relay's in one test only.
 *
 * <p>Every send waits for the broker's acknowledgement, so records sent one after the other with the same key are on
 * the partition in that order. Every read uses a fresh consumer group from the start of the topic: it sees records
 * sent before it was called, and never takes a record away from the service's own consumer group.
 */
public final class IntegrationEventsClient implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(250);

    private final IntegrationEventCodec codec = IntegrationEventCodec.platform();
    private final String bootstrapServers;
    private final Duration patience;
    private final KafkaProducer<String, byte[]> producer;
    private Admin admin;

    /**
     * @param patience how long the {@code await} methods wait for a matching record before they fail the test
     */
    public IntegrationEventsClient(String bootstrapServers, Duration patience) {
        this.bootstrapServers = bootstrapServers;
        this.patience = patience;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG,
                "all"));
    }

    /** Against the shared infrastructure's broker, waiting up to 30 s for a record. */
    public static IntegrationEventsClient connect() {
        return new IntegrationEventsClient(
                LocalInfrastructure.shared().kafkaBootstrapServers(), Duration.ofSeconds(30));
    }

    /**
     * An envelope as another service would publish it: a new event id, now, the system actor {@code test}, and a
     * causation id of {@code cause}. Tests that need a particular actor or causation build the envelope themselves.
     */
    public <E extends IntegrationEvent> EventEnvelope<E> envelope(E event, String correlationId) {
        return EventEnvelope.wrap(
                UUID.randomUUID(), Instant.now(), Actor.system("test"), correlationId, "cause", event);
    }

    /** Wraps the event in a new {@link #envelope} and sends it; answers the envelope, to compare ids against. */
    public <E extends IntegrationEvent> EventEnvelope<E> publish(String topic, E event, String correlationId) {
        EventEnvelope<E> envelope = envelope(event, correlationId);
        send(topic, envelope);
        return envelope;
    }

    /** Sends the envelope as the relay does: keyed by case id, with the event id, type and version headers. */
    public RecordMetadata send(String topic, EventEnvelope<?> envelope) {
        return send(topic, null, envelope);
    }

    /**
     * As {@link #send(String, EventEnvelope)}, to one partition: for tests about ordering across cases, which Kafka
     * only keeps within a partition.
     */
    public RecordMetadata send(String topic, Integer partition, EventEnvelope<?> envelope) {
        var record = new ProducerRecord<>(topic, partition, envelope.caseId().toString(), codec.encode(envelope));
        record.headers().add(Topics.HEADER_EVENT_ID, bytes(envelope.eventId().toString()));
        record.headers().add(Topics.HEADER_EVENT_TYPE, bytes(envelope.type()));
        record.headers().add(Topics.HEADER_SCHEMA_VERSION, bytes(Integer.toString(envelope.version())));
        return sendRaw(record);
    }

    /** Sends the record exactly as given: for records the relay would never write (malformed, missing headers). */
    public RecordMetadata sendRaw(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + record.topic(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not send to " + record.topic(), e.getCause());
        }
    }

    /** The first record of the case on the topic whose event type header is {@code type}, decoded. */
    public EventEnvelope<?> awaitPublished(String topic, CaseId caseId, String type) {
        ConsumerRecord<String, byte[]> record = awaitRecord(
                topic,
                candidate -> caseId.toString().equals(candidate.key())
                        && type.equals(header(candidate, Topics.HEADER_EVENT_TYPE)));
        return codec.decode(record.value());
    }

    /** The first record on the topic that is {@code wanted}; fails the test if none arrives in time. */
    public ConsumerRecord<String, byte[]> awaitRecord(String topic, Predicate<ConsumerRecord<String, byte[]>> wanted) {
        return awaitRecords(topic, wanted, found -> !found.isEmpty()).getFirst();
    }

    /**
     * The {@code wanted} records on the topic, in the order they are received (within a partition, the order they were
     * written), as soon as they are {@code enough}. {@code enough} is asked after each wanted record, so
     * {@code found -> found.size() == 2} answers exactly two records, and {@code found -> isLast(found.getLast())} the
     * records up to and including the first that is last. Fails the test if there are not enough in time.
     */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(
            String topic,
            Predicate<ConsumerRecord<String, byte[]>> wanted,
            Predicate<List<ConsumerRecord<String, byte[]>>> enough) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + patience.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (wanted.test(record)) {
                        found.add(record);
                        if (enough.test(found)) {
                            return found;
                        }
                    }
                }
            }
        }
        throw new AssertionError(
                "only " + found.size() + " wanted records on " + topic + " within " + patience + ", not enough");
    }

    /**
     * The offset {@code consumerGroup} has committed on the partition: the next record it will read, so every record
     * before it has been processed (applied, skipped or dead-lettered). -1 if the group has committed nothing there.
     */
    public long committedOffset(String consumerGroup, TopicPartition partition) {
        try {
            OffsetAndMetadata committed = admin().listConsumerGroupOffsets(consumerGroup)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS)
                    .get(partition);
            return committed == null ? -1 : committed.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the offsets of " + consumerGroup, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the offsets of " + consumerGroup, e);
        }
    }

    /**
     * The members of {@code consumerGroup} as the broker knows them now, each as the number of partitions it holds: with
     * several instances of a service, each instance's consumers are members of the service's one group, and a member
     * holding no partition does no work.
     */
    public List<Integer> groupMembers(String consumerGroup) {
        try {
            return admin()
                    .describeConsumerGroups(List.of(consumerGroup))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .get(consumerGroup)
                    .members()
                    .stream()
                    .map(member -> member.assignment().topicPartitions().size())
                    .toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + consumerGroup, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not describe " + consumerGroup, e);
        }
    }

    /**
     * Waits until {@code consumerGroup} has committed past the record {@code sent} (as answered by {@link #send}): the
     * service is done with it, whatever it made of it, and nothing more will come of it. This is how a test shows
     * that a duplicate or an unsubscribed record changed nothing, without sleeping. Fails the test after the
     * client's patience.
     */
    public void awaitConsumed(String consumerGroup, RecordMetadata sent) {
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        long deadline = System.nanoTime() + patience.toNanos();
        long committed = -1;
        while (System.nanoTime() < deadline) {
            committed = committedOffset(consumerGroup, partition);
            if (committed > sent.offset()) {
                return;
            }
            // Between two questions to the broker; the condition itself is what the caller waits for.
            LockSupport.parkNanos(POLL.toNanos() / 5);
        }
        throw new AssertionError(consumerGroup + " has not consumed " + partition + "@" + sent.offset() + " within "
                + patience + " (committed offset " + committed + ")");
    }

    /**
     * Waits until {@code consumerGroup} has committed, on every partition of {@code topics}, up to the end the topics
     * have now: everything published so far has been processed by that service (applied, skipped or dead-lettered),
     * so whatever a redelivery would have caused has happened. This is how a test shows that nothing more comes of a
     * flow, without sleeping. Fails the test after the client's patience.
     */
    public void awaitCaughtUp(String consumerGroup, String... topics) {
        Map<TopicPartition, Long> ends = endOffsets(topics);
        long deadline = System.nanoTime() + patience.toNanos();
        Map<TopicPartition, Long> behind = ends;
        while (System.nanoTime() < deadline) {
            behind = new HashMap<>();
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                if (end.getValue() > 0 && committedOffset(consumerGroup, end.getKey()) < end.getValue()) {
                    behind.put(end.getKey(), end.getValue());
                }
            }
            if (behind.isEmpty()) {
                return;
            }
            // Between two questions to the broker; the condition itself is what the caller waits for.
            LockSupport.parkNanos(POLL.toNanos() / 5);
        }
        throw new AssertionError(
                consumerGroup + " has not caught up within " + patience + " on (partition=end offset) " + behind);
    }

    private Map<TopicPartition, Long> endOffsets(String... topics) {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin().describeTopics(List.of(topics)).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                    .flatMap(topic -> topic.partitions().stream()
                            .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                    .forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin().listOffsets(latest)
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the end offsets of " + List.of(topics), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the end offsets of " + List.of(topics), e);
        }
    }

    /** The last value of the header as text, or null if the record has none. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
        synchronized (this) {
            if (admin != null) {
                admin.close();
                admin = null;
            }
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        }
        return admin;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
