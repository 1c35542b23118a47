// The benchmark's raw baseline, run by bench/backlog-benchmark.sh as a single-file Java program:
//   java -cp postgresql.jar:kafka-clients.jar:slf4j-api.jar RawBaseline.java <jdbcUrl> <user> <password> <bootstrap> <rows>
// 1. a batched JDBC insert of <rows> event rows shaped like Axon's domain_event_entry (same payload size as an
//    ApplicationSubmitted) into a scratch table of the same PostgreSQL, one commit per 1,000 rows;
// 2. a plain Kafka producer (acks=all, idempotent, like the relay) sending <rows> records of the size of an
//    ApplicationRegistered envelope to a scratch topic of the same broker.
// Prints "jdbc <seconds>" and "kafka <seconds>".
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

public class RawBaseline {
    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[4]);
        byte[] payload = ("{\"caseId\":\"" + UUID.randomUUID() + "\",\"x\":\"" + "p".repeat(900) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] meta = ("{\"aima.actor.subject\":\"operator-1\",\"aima.actor.role\":\"OPERATIONS\",\"x\":\""
                        + "m".repeat(150) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(args[0], args[1], args[2])) {
            c.createStatement().execute("drop table if exists bench_raw_event");
            c.createStatement().execute("create table bench_raw_event (like domain_event_entry including all)");
            c.createStatement().execute("create sequence if not exists bench_raw_seq");
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into bench_raw_event (global_index, event_identifier, aggregate_identifier,"
                            + " sequence_number, type, payload_type, payload_revision, payload, meta_data, time_stamp)"
                            + " values (nextval('bench_raw_seq'), ?, ?, 0, 'ReunificationCase', 'bench.Raw', '1', ?, ?, ?)")) {
                for (int i = 1; i <= rows; i++) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, UUID.randomUUID().toString());
                    insert.setBytes(3, payload);
                    insert.setBytes(4, meta);
                    insert.setString(5, java.time.Instant.now().toString());
                    insert.addBatch();
                    if (i % 1000 == 0 || i == rows) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
            }
            c.setAutoCommit(true);
            c.createStatement().execute("drop table bench_raw_event");
            c.createStatement().execute("drop sequence bench_raw_seq");
        }
        System.out.printf("jdbc %.3f%n", (System.nanoTime() - t0) / 1e9);

        Properties p = new Properties();
        p.put("bootstrap.servers", args[3]);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("linger.ms", "5");
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        long t1 = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            String topic = "bench.raw." + System.currentTimeMillis();
            for (int i = 0; i < rows; i++) {
                producer.send(new ProducerRecord<>(topic, UUID.randomUUID().toString(), payload));
            }
            producer.flush();
        }
        System.out.printf("kafka %.3f%n", (System.nanoTime() - t1) / 1e9);
    }
}
