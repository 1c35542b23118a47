// What finding a command's target aggregate costs a command: Axon's AnnotationCommandTargetResolver (a search of the
// command class's methods and fields, and their annotations, on every command) against the platform's CommandTargets
// (the same search once per class), in the same run. Run by bench/command-target-benchmark.sh as a single-file Java
// program on service-platform's test classpath:
//   java -cp <classpath> bench/CommandTargetBenchmark.java [commands per round] [rounds]
// The commands are shaped like the services' (records, the case id annotated, four to six other components, an
// interface), six classes in turn; the order of the two resolvers flips every round. Prints ns per command for each
// and the ratio, and checks that both gave every command the same target.
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import pt.aima.platform.aggregate.CommandTargets;

public class CommandTargetBenchmark {

    interface CaseCommand {}

    record CaseId(UUID value) {
        @Override
        public String toString() {
            return value.toString();
        }
    }

    record NotifyAppointment(@TargetAggregateIdentifier CaseId caseId, UUID triggeringEventId, String deskId,
            LocalDateTime startsAt, int durationMinutes) implements CaseCommand {}

    record NotifyRegistration(@TargetAggregateIdentifier CaseId caseId, UUID triggeringEventId, String applicantId,
            String language, LocalDate submittedOn, List<String> members) implements CaseCommand {}

    record BookSlot(@TargetAggregateIdentifier CaseId caseId, String deskId, LocalDateTime startsAt,
            int durationMinutes, String region) implements CaseCommand {}

    record RecordOutcome(@TargetAggregateIdentifier CaseId caseId, UUID notificationId, String channel,
            String outcome, int attempt) implements CaseCommand {}

    record OpenChecklist(@TargetAggregateIdentifier CaseId caseId, UUID triggeringEventId, List<String> items,
            String region) implements CaseCommand {}

    record RegisterContact(@TargetAggregateIdentifier CaseId caseId, UUID triggeringEventId, String applicantId,
            String language, boolean email, boolean phone) implements CaseCommand {}

    public static void main(String[] args) {
        int commands = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<CommandMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            CaseId id = new CaseId(UUID.randomUUID());
            Object payload = switch (i % 6) {
                case 0 -> new NotifyAppointment(id, UUID.randomUUID(), "LISBOA-1", LocalDateTime.now(), 15);
                case 1 -> new NotifyRegistration(id, UUID.randomUUID(), "applicant", "PT", LocalDate.now(), List.of());
                case 2 -> new BookSlot(id, "PORTO-1", LocalDateTime.now(), 30, "NORTE");
                case 3 -> new RecordOutcome(id, UUID.randomUUID(), "EMAIL", "SENT", 1);
                case 4 -> new OpenChecklist(id, UUID.randomUUID(), List.of("PASSPORT"), "LISBOA");
                default -> new RegisterContact(id, UUID.randomUUID(), "applicant", "EN", true, false);
            };
            messages.add(GenericCommandMessage.asCommandMessage(payload));
        }
        CommandTargetResolver axon = AnnotationCommandTargetResolver.builder().build();
        CommandTargetResolver platform = new CommandTargets();
        for (CommandMessage<?> message : messages) {
            var a = axon.resolveTarget(message);
            var p = platform.resolveTarget(message);
            if (!a.getIdentifier().equals(p.getIdentifier()) || !java.util.Objects.equals(a.getVersion(), p.getVersion())) {
                throw new AssertionError("different targets for " + message.getPayload() + ": " + a + ", " + p);
            }
        }
        System.out.printf("%d commands per round (6 command classes in turn), %d rounds, the first two warm-up;"
                + " both resolvers gave each of %d commands the same target%n", commands, rounds + 2, messages.size());
        long axonNanos = 0;
        long ourNanos = 0;
        long sink = 0;
        for (int round = 0; round < rounds + 2; round++) {
            long a;
            long o;
            long[] s = new long[1];
            if (round % 2 == 0) {
                a = run(axon, messages, commands, s);
                o = run(platform, messages, commands, s);
            } else {
                o = run(platform, messages, commands, s);
                a = run(axon, messages, commands, s);
            }
            sink += s[0];
            if (round >= 2) {
                axonNanos += a;
                ourNanos += o;
                System.out.printf("round %2d: Axon's %6.0f ns/command   platform's %6.0f ns/command   ratio %.3f%n",
                        round - 1, (double) a / commands, (double) o / commands, (double) o / a);
            }
        }
        System.out.printf("all rounds: Axon's %.0f ns/command, platform's %.0f ns/command, platform / Axon %.3f"
                + " (checksum %d)%n", (double) axonNanos / ((long) commands * rounds),
                (double) ourNanos / ((long) commands * rounds), (double) ourNanos / axonNanos, sink % 1000);
    }

    private static long run(CommandTargetResolver resolver, List<CommandMessage<?>> messages, int n, long[] sink) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink[0] += resolver.resolveTarget(messages.get(i % messages.size())).getIdentifier().length();
        }
        return System.nanoTime() - start;
    }
}
