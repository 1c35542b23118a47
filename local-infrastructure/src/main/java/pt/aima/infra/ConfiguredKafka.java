package pt.aima.infra;

/** An existing Kafka cluster named by {@code AIMA_KAFKA_BOOTSTRAP}; never stopped by us. */
record ConfiguredKafka(String bootstrapServers) implements KafkaServer {

    @Override
    public String kind() {
        return "configured cluster (" + InfrastructureOptions.ENV_KAFKA_BOOTSTRAP + ")";
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
