package pt.aima.platform.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import pt.aima.kernel.Topics;
import pt.aima.platform.inbox.DeadLetterErrorHandlerFactory;

/**
 * The service's Kafka dead-letter topics ({@code <consumed topic>.<service>.dlt}), read with a bounded consumer: it
 * assigns the partitions, reads from the beginning to the end offsets taken when it started, and never joins a group
 * nor commits, so reading changes nothing for anyone. A redelivery re-publishes the record to its original topic;
 * the consumer's inbox applies it at most once, whoever else reads that topic deduplicates the same way.
 */
public class KafkaDeadLetters {

    /** Marks a redelivered record with the dead letter it came from ({@code <topic>:<partition>:<offset>}). */
    public static final String REDELIVERY_HEADER = "aima-redelivery-of";

    /**
     * One record of a dead-letter topic.
     *
     * @param reason the {@code aima-dlt-reason} header: the exception's simple name and message
     * @param headers the record's headers that are text (Spring's binary ones decoded)
     */
    public record Entry(
            String topic,
            int partition,
            long offset,
            String key,
            Instant timestamp,
            String reason,
            String originalTopic,
            Map<String, String> headers,
            byte[] value) {

        public String id() {
            return topic + ":" + partition + ":" + offset;
        }
    }

    private final ConsumerFactory<String, byte[]> consumers;
    private final KafkaTemplate<String, byte[]> kafka;
    private final String service;
    private final List<String> consumedTopics;
    private final Duration patience;

    public KafkaDeadLetters(
            ConsumerFactory<String, byte[]> consumers,
            KafkaTemplate<String, byte[]> kafka,
            String service,
            List<String> consumedTopics,
            Duration patience) {
        this.consumers = consumers;
        this.kafka = kafka;
        this.service = service;
        this.consumedTopics = List.copyOf(consumedTopics);
        this.patience = patience;
    }

    /** This service's dead-letter topics, one per topic it consumes. */
    public List<String> topics() {
        return consumedTopics.stream()
                .map(topic -> Topics.deadLetterTopic(topic, service))
                .toList();
    }

    /** Every record the topic holds now. */
    public List<Entry> readAll(String topic) {
        return readAll(List.of(topic)).getOrDefault(topic, List.of());
    }

    /**
     * Every record each topic holds now, read with one consumer (creating a consumer costs more than reading an empty
     * topic); partitions with nothing in them are not read at all.
     */
    public Map<String, List<Entry>> readAll(List<String> topics) {
        Map<String, List<Entry>> entries = new LinkedHashMap<>();
        topics.forEach(topic -> entries.put(topic, new ArrayList<>()));
        try (Consumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, patience);
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            }
            if (partitions.isEmpty()) {
                return entries;
            }
            // assigned before their offsets are listed: the client warns of every partition whose listed offsets it
            // cannot keep (OffsetFetcherUtils, "no longer assigned"): 410-816 lines per service in a benchmark run
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, patience);
            Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions, patience);
            List<TopicPartition> holding = partitions.stream()
                    .filter(partition -> end.get(partition) > start.get(partition))
                    .toList();
            if (holding.isEmpty()) {
                return entries;
            }
            consumer.assign(holding);
            consumer.seekToBeginning(holding);
            Instant deadline = Instant.now().plus(patience);
            while (!allRead(consumer, holding, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topics + " to their end within " + patience);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        entries.get(record.topic()).add(entry(record));
                    }
                }
            }
            return entries;
        }
    }

    /** The record {@code topic:partition:offset} of one of this service's dead-letter topics, if it exists. */
    public Optional<Entry> read(String id) {
        Optional<TopicPartitionOffset> parsed = TopicPartitionOffset.parse(id);
        if (parsed.isEmpty() || !topics().contains(parsed.get().topic())) {
            return Optional.empty();
        }
        TopicPartition partition =
                new TopicPartition(parsed.get().topic(), parsed.get().partition());
        long offset = parsed.get().offset();
        try (Consumer<String, byte[]> consumer = consumer()) {
            List<PartitionInfo> infos = consumer.partitionsFor(partition.topic(), patience);
            if (infos == null || infos.stream().noneMatch(info -> info.partition() == partition.partition())) {
                return Optional.empty();
            }
            consumer.assign(List.of(partition)); // before listing its offsets, as in readAll
            long end = consumer.endOffsets(List.of(partition), patience).get(partition);
            long start = consumer.beginningOffsets(List.of(partition), patience).get(partition);
            if (offset < start || offset >= end) {
                return Optional.empty();
            }
            consumer.seek(partition, offset);
            Instant deadline = Instant.now().plus(patience);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return Optional.of(entry(record));
                    }
                    if (record.offset() > offset) {
                        return Optional.empty();
                    }
                }
            }
            throw new IllegalStateException("could not read " + id + " within " + patience);
        }
    }

    /**
     * Publishes the dead letter again to the topic it came from, with its key, value and own headers (not the
     * dead-letter ones), waiting for the broker's acknowledgement.
     */
    public void redeliver(Entry entry) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(entry.originalTopic(), null, entry.key(), entry.value());
        entry.headers().forEach((name, value) -> {
            if (!name.startsWith("kafka_dlt-") && !name.equals(DeadLetterErrorHandlerFactory.REASON_HEADER)) {
                record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
            }
        });
        record.headers().add(REDELIVERY_HEADER, entry.id().getBytes(StandardCharsets.UTF_8));
        try {
            kafka.send(record).get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while redelivering " + entry.id(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not take the redelivery of " + entry.id(), e);
        }
    }

    private boolean allRead(
            Consumer<String, byte[]> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition, patience) < end.get(partition)) {
                return false;
            }
        }
        return true;
    }

    private Consumer<String, byte[]> consumer() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        return consumers.createConsumer(service + "-dead-letter-reader", service + "-dead-letters", null, overrides);
    }

    private Entry entry(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), headerText(header));
        }
        String original = headers.get(KafkaHeaders.DLT_ORIGINAL_TOPIC);
        if (original == null) {
            String suffix = "." + service + ".dlt";
            original = record.topic().endsWith(suffix)
                    ? record.topic().substring(0, record.topic().length() - suffix.length())
                    : record.topic();
        }
        return new Entry(
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                Instant.ofEpochMilli(record.timestamp()),
                headers.getOrDefault(DeadLetterErrorHandlerFactory.REASON_HEADER, "unknown"),
                original,
                headers,
                record.value());
    }

    /** Spring's dead-letter headers for partition and offset are binary ints and longs; the rest is text. */
    private static String headerText(Header header) {
        byte[] value = header.value();
        if (value == null) {
            return "";
        }
        if (header.key().equals(KafkaHeaders.DLT_ORIGINAL_PARTITION) && value.length == Integer.BYTES) {
            return Integer.toString(ByteBuffer.wrap(value).getInt());
        }
        if ((header.key().equals(KafkaHeaders.DLT_ORIGINAL_OFFSET)
                        || header.key().equals(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP))
                && value.length == Long.BYTES) {
            return Long.toString(ByteBuffer.wrap(value).getLong());
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    /** A Kafka record's position: the id of a dead letter on a topic. */
    record TopicPartitionOffset(String topic, int partition, long offset) {

        static Optional<TopicPartitionOffset> parse(String id) {
            int last = id.lastIndexOf(':');
            int middle = last < 0 ? -1 : id.lastIndexOf(':', last - 1);
            if (middle <= 0) {
                return Optional.empty();
            }
            try {
                return Optional.of(new TopicPartitionOffset(
                        id.substring(0, middle),
                        Integer.parseInt(id.substring(middle + 1, last)),
                        Long.parseLong(id.substring(last + 1))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
