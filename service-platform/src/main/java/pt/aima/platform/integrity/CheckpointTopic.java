package pt.aima.platform.integrity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Reads a service's checkpoint topic from its beginning to the end offsets taken when the read started, with a
 * consumer that joins no group and commits nothing. A record that is not a checkpoint is reported, not fatal.
 */
public final class CheckpointTopic {

    private CheckpointTopic() {}

    public static PublishedCheckpoints read(
            Supplier<Consumer<String, byte[]>> consumers, String topic, Duration patience) {
        try (Consumer<String, byte[]> consumer = consumers.get()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, patience);
            if (infos == null || infos.isEmpty()) {
                return PublishedCheckpoints.of(List.of());
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, patience);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<PublishedCheckpoints.Entry> entries = new ArrayList<>();
            Instant deadline = Instant.now().plus(patience);
            while (partitions.stream()
                    .anyMatch(partition -> consumer.position(partition, patience) < end.get(partition))) {
                if (Instant.now().isAfter(deadline)) {
                    return PublishedCheckpoints.unavailable(
                            "could not read " + topic + " to its end within " + patience);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    try {
                        entries.add(new PublishedCheckpoints.Entry(
                                record.partition(), record.offset(), Checkpoint.fromJson(record.value()), null));
                    } catch (IllegalArgumentException e) {
                        entries.add(new PublishedCheckpoints.Entry(
                                record.partition(), record.offset(), null, e.getMessage()));
                    }
                }
            }
            return PublishedCheckpoints.of(entries);
        } catch (TimeoutException e) {
            return PublishedCheckpoints.unavailable(
                    "Kafka did not answer within " + patience + " (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            return PublishedCheckpoints.unavailable(e.toString());
        }
    }
}
