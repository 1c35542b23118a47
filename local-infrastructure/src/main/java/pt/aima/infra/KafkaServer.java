package pt.aima.infra;

/** One running (or configured) Kafka cluster. */
interface KafkaServer extends AutoCloseable {

    /** For the start-up log line, e.g. "embedded KRaft broker". */
    String kind();

    String bootstrapServers();

    @Override
    void close();
}
