package pt.aima.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import pt.aima.platform.deadletter.KafkaDeadLetters.TopicPartitionOffset;

class KafkaDeadLettersTest {

    @Test
    void anEntryIdIsTheRecordsTopicPartitionAndOffsetAndTopicsMayHoldDots() {
        assertThat(TopicPartitionOffset.parse("aima.document.events.v1.scheduling-service.dlt:3:42"))
                .contains(new TopicPartitionOffset("aima.document.events.v1.scheduling-service.dlt", 3, 42));
    }

    @Test
    void anythingElseIsNoEntryId() {
        assertThat(TopicPartitionOffset.parse("no-colons")).isEmpty();
        assertThat(TopicPartitionOffset.parse("topic:x:1")).isEmpty();
        assertThat(TopicPartitionOffset.parse(":1:2")).isEmpty();
        assertThat(TopicPartitionOffset.parse("topic:1")).isEmpty();
    }
}
