// Who consumes what, run by bench/restarts.sh as a single-file Java program:
//   java -cp kafka-clients.jar:slf4j-api.jar bench/ConsumerGroups.java <bootstrap>
// For every consumer group of the broker: its members (client id and host) and how many partitions each holds, so a
// run with two instances of every service shows both instances of a service sharing its group's partitions.
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.MemberDescription;

public class ConsumerGroups {
    public static void main(String[] args) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        try (Admin admin = Admin.create(properties)) {
            List<String> groups = admin.listConsumerGroups().all().get().stream()
                    .map(ConsumerGroupListing::groupId)
                    .sorted()
                    .toList();
            Map<String, ConsumerGroupDescription> described =
                    new TreeMap<>(admin.describeConsumerGroups(groups).all().get());
            for (ConsumerGroupDescription group : described.values()) {
                StringBuilder line = new StringBuilder(group.groupId() + ": " + group.members().size() + " member(s)");
                for (MemberDescription member : group.members()) {
                    line.append(" [")
                            .append(member.clientId())
                            .append(member.host())
                            .append(": ")
                            .append(member.assignment().topicPartitions().size())
                            .append(" partitions]");
                }
                System.out.println(line);
            }
        }
    }
}
