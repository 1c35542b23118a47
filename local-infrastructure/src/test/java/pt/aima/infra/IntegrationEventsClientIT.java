package pt.aima.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.Topics;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.document.DocumentChecklistCompleted;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.ids.CaseId;

/** Against the shared infrastructure's broker: what the client sends is what the relay would have written. */
class IntegrationEventsClientIT {

    private final String topic = "events-client-it-" + UUID.randomUUID();

    @Test
    void sendsAnEnvelopeAsTheRelayDoesAndReadsItBack() {
        CaseId caseId = CaseId.newId();
        try (IntegrationEventsClient kafka = IntegrationEventsClient.connect()) {
            EventEnvelope<DocumentChecklistCompleted> sent =
                    kafka.envelope(new DocumentChecklistCompleted(caseId), "corr-client");
            RecordMetadata metadata = kafka.send(topic, sent);

            assertThat(sent.actor()).isEqualTo(Actor.system("test"));
            assertThat(sent.causationId()).isEqualTo("cause");
            assertThat(kafka.awaitPublished(topic, caseId, "DocumentChecklistCompleted"))
                    .isEqualTo(sent);

            ConsumerRecord<String, byte[]> record = kafka.awaitRecord(topic, r -> true);
            assertThat(record.partition()).isEqualTo(metadata.partition());
            assertThat(record.offset()).isEqualTo(metadata.offset());
            assertThat(record.key()).isEqualTo(caseId.toString());
            assertThat(IntegrationEventsClient.header(record, Topics.HEADER_EVENT_ID))
                    .isEqualTo(sent.eventId().toString());
            assertThat(IntegrationEventsClient.header(record, Topics.HEADER_EVENT_TYPE))
                    .isEqualTo("DocumentChecklistCompleted");
            assertThat(IntegrationEventsClient.header(record, Topics.HEADER_SCHEMA_VERSION))
                    .isEqualTo("1");
            assertThat(IntegrationEventsClient.header(record, "no-such-header")).isNull();
            assertThat(record.value())
                    .isEqualTo(IntegrationEventCodec.platform().encode(sent));
        }
    }

    @Test
    void answersTheWantedRecordsOfOnePartitionInTheOrderTheyWereSent() {
        CaseId caseId = CaseId.newId();
        try (IntegrationEventsClient kafka = IntegrationEventsClient.connect()) {
            kafka.sendRaw(new ProducerRecord<>(
                    topic, caseId.toString(), "{not an envelope".getBytes(StandardCharsets.UTF_8)));
            EventEnvelope<?> first = kafka.publish(topic, new DocumentChecklistCompleted(caseId), "corr-1");
            kafka.publish(topic, new DocumentChecklistCompleted(CaseId.newId()), "corr-other");
            EventEnvelope<?> second = kafka.publish(topic, new DocumentChecklistCompleted(caseId), "corr-2");

            List<ConsumerRecord<String, byte[]>> found = kafka.awaitRecords(
                    topic,
                    r -> caseId.toString().equals(r.key())
                            && IntegrationEventsClient.header(r, Topics.HEADER_EVENT_ID) != null,
                    records -> records.size() == 2);

            assertThat(found)
                    .extracting(r -> IntegrationEventsClient.header(r, Topics.HEADER_EVENT_ID))
                    .containsExactly(
                            first.eventId().toString(), second.eventId().toString());
        }
    }

    @Test
    void failsTheTestWhenNoWantedRecordArrivesInTime() {
        try (IntegrationEventsClient kafka = new IntegrationEventsClient(
                LocalInfrastructure.shared().kafkaBootstrapServers(), Duration.ofSeconds(2))) {
            kafka.publish(topic, new DocumentChecklistCompleted(CaseId.newId()), "corr");

            assertThatThrownBy(() -> kafka.awaitRecord(topic, r -> false))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining(topic);
        }
    }

    @Test
    void waitsUntilAConsumerGroupHasCommittedPastARecord() {
        CaseId caseId = CaseId.newId();
        String group = "events-client-it-" + UUID.randomUUID();
        try (IntegrationEventsClient kafka = new IntegrationEventsClient(
                LocalInfrastructure.shared().kafkaBootstrapServers(), Duration.ofSeconds(3))) {
            RecordMetadata first = kafka.send(topic, kafka.envelope(new DocumentChecklistCompleted(caseId), "c"));
            RecordMetadata second = kafka.send(topic, kafka.envelope(new DocumentChecklistCompleted(caseId), "c"));
            var partition = new TopicPartition(topic, first.partition());
            assertThat(kafka.committedOffset(group, partition)).isEqualTo(-1);
            assertThatThrownBy(() -> kafka.awaitConsumed(group, first))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("has not consumed");

            try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    LocalInfrastructure.shared().kafkaBootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG,
                    group,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                    false,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    ByteArrayDeserializer.class))) {
                consumer.assign(List.of(partition));
                consumer.commitSync(Map.of(partition, new OffsetAndMetadata(first.offset() + 1)));
            }

            kafka.awaitConsumed(group, first);
            assertThat(kafka.committedOffset(group, partition)).isEqualTo(first.offset() + 1);
            assertThatThrownBy(() -> kafka.awaitConsumed(group, second))
                    .as("the group is done with the first record only")
                    .isInstanceOf(AssertionError.class);
        }
    }
}
