package pt.aima.platform.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The platform's command target resolver answers as Axon's annotation resolver does, for every shape of command: the
 * identifier on a record component, a field, a method, a superclass's field or a meta-annotation; a version as a
 * number, as text, absent or not a number; no identifier at all, or a null one. Each command is resolved twice, so the
 * second answer comes from the members found for its class the first time.
 */
class CommandTargetsTest {

    record CaseCommand(@TargetAggregateIdentifier UUID caseId, String reason) {}

    record VersionedCommand(@TargetAggregateIdentifier String caseId, @TargetAggregateVersion long version) {}

    record TextVersionCommand(@TargetAggregateIdentifier String caseId, @TargetAggregateVersion String version) {}

    static class FieldCommand {
        @TargetAggregateIdentifier
        private final String deskId;

        FieldCommand(String deskId) {
            this.deskId = deskId;
        }
    }

    static class MethodCommand {
        private final int number;

        MethodCommand(int number) {
            this.number = number;
        }

        @TargetAggregateIdentifier
        String target() {
            return "import-" + number;
        }
    }

    static class InheritedCommand extends FieldCommand {
        InheritedCommand(String deskId) {
            super(deskId);
        }
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD})
    @TargetAggregateIdentifier
    @interface CaseTarget {}

    record MetaAnnotatedCommand(@CaseTarget String caseId) {}

    record NoTarget(String caseId) {}

    private final CommandTargets platform = new CommandTargets();
    private final AnnotationCommandTargetResolver axon =
            AnnotationCommandTargetResolver.builder().build();

    @Test
    void resolvesEveryCommandAsAxonsAnnotationResolverDoes() {
        List<Object> commands = List.of(
                new CaseCommand(UUID.randomUUID(), "registered"),
                new CaseCommand(UUID.randomUUID(), "another case, same class"),
                new VersionedCommand("case-1", 4),
                new TextVersionCommand("case-2", "7"),
                new TextVersionCommand("case-3", null),
                new FieldCommand("LISBOA-1"),
                new MethodCommand(42),
                new InheritedCommand("PORTO-2"),
                new MetaAnnotatedCommand("case-4"));

        for (int round = 0; round < 2; round++) {
            for (Object command : commands) {
                VersionedAggregateIdentifier expected = axon.resolveTarget(message(command));
                assertThat(platform.resolveTarget(message(command)))
                        .as("%s", command)
                        .extracting(
                                VersionedAggregateIdentifier::getIdentifier, VersionedAggregateIdentifier::getVersion)
                        .containsExactly(expected.getIdentifier(), expected.getVersion());
            }
        }
        assertThat(platform.resolveTarget(message(new VersionedCommand("case-1", 4)))
                        .getVersion())
                .isEqualTo(4L);
        assertThat(platform.resolveTarget(message(new MethodCommand(42))).getIdentifier())
                .isEqualTo("import-42");
    }

    @Test
    void refusesWhatAxonsAnnotationResolverRefusesWithTheSameError() {
        List<Object> refused = List.of(
                new NoTarget("case-5"), new CaseCommand(null, "no case"), new TextVersionCommand("case-6", "seven"));

        for (int round = 0; round < 2; round++) {
            for (Object command : refused) {
                Throwable expected = catchThrowable(() -> axon.resolveTarget(message(command)));
                Throwable actual = catchThrowable(() -> platform.resolveTarget(message(command)));
                assertThat(expected).as("Axon refuses %s", command).isInstanceOf(IllegalArgumentException.class);
                assertThat(actual)
                        .as("%s", command)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage(expected.getMessage());
            }
        }
    }

    private static CommandMessage<?> message(Object payload) {
        return GenericCommandMessage.asCommandMessage(payload);
    }
}
