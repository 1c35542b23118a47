package pt.aima.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import pt.aima.stack.ChildCommand.Setting;

/**
 * How a developer runs one service themselves (from the IDE, or with Maven while changing its code) against the
 * PostgreSQL, Kafka and token issuer of a stack started with {@code --without=<service>}: the same settings
 * {@link ChildCommand} gives a supervised child, as a Maven command, a jar command, IDE program arguments and
 * environment variables.
 */
final class DevelopmentRun {

    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]*");
    private static final Pattern NEEDS_QUOTES_IN_ARGUMENTS = Pattern.compile(".*[\\s\"'].*");

    private DevelopmentRun() {}

    /** The text printed for a service left out of the stack; commands are run from the repository root. */
    static String instructions(ServiceSpec service, List<Setting> settings, Path java) {
        String arguments = programArguments(settings);
        String environmentPrefix = ChildCommand.ENVIRONMENT.entrySet().stream()
                .map(variable -> variable.getKey() + "=" + shellQuote(variable.getValue()))
                .sorted()
                .collect(Collectors.joining(" "));
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder();
        text.append(service.name())
                .append(" is not started (--without). Run it yourself against this stack, from the repository root")
                .append(nl)
                .append("(PostgreSQL's and Kafka's ports change each time the stack starts: take these lines from")
                .append(" this run):")
                .append(nl)
                .append(nl);
        text.append("  ")
                .append(environmentPrefix)
                .append(" ./mvnw -pl ")
                .append(service.name())
                .append(" spring-boot:run -Dspring-boot.run.jvmArguments=")
                .append(shellQuote(String.join(" ", ChildCommand.jvmOptions())))
                .append(" \\")
                .append(nl)
                .append("      -Dspring-boot.run.arguments=")
                .append(shellQuote(arguments))
                .append(nl)
                .append(nl);
        text.append("  or its jar:").append(nl);
        text.append("  ")
                .append(environmentPrefix)
                .append(' ')
                .append(
                        ChildCommand.build(java, Path.of(service.name(), "target", service.name() + ".jar"), settings)
                                .stream()
                                .map(DevelopmentRun::shellQuote)
                                .collect(Collectors.joining(" ")))
                .append(nl)
                .append(nl);
        text.append("  or in the IDE: main class ")
                .append(service.mainClass())
                .append(" (module ")
                .append(service.name())
                .append("), VM options ")
                .append(String.join(" ", ChildCommand.jvmOptions()))
                .append(", program arguments:")
                .append(nl)
                .append("    ")
                .append(arguments)
                .append(nl);
        text.append("  or, instead of the program arguments, these environment variables:")
                .append(nl);
        for (Map.Entry<String, String> variable : environment(settings).entrySet()) {
            text.append("    ")
                    .append(variable.getKey())
                    .append('=')
                    .append(variable.getValue())
                    .append(nl);
        }
        return text.toString();
    }

    /** The program arguments, space-separated; one holding a space or a quote is double-quoted. */
    static String programArguments(List<Setting> settings) {
        return settings.stream()
                .map(Setting::argument)
                .map(argument -> NEEDS_QUOTES_IN_ARGUMENTS.matcher(argument).matches()
                        ? '"' + argument.replace("\\", "\\\\").replace("\"", "\\\"") + '"'
                        : argument)
                .collect(Collectors.joining(" "));
    }

    /** The settings as environment variables, then the environment every child gets; in order. */
    static Map<String, String> environment(List<Setting> settings) {
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        settings.forEach(setting -> environment.put(setting.environmentVariable(), setting.value()));
        ChildCommand.ENVIRONMENT.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(variable -> environment.put(variable.getKey(), variable.getValue()));
        return environment;
    }

    /** {@code value} as one word for a POSIX shell: as it is when that is safe, else single-quoted. */
    static String shellQuote(String value) {
        if (!value.isEmpty() && SHELL_SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
