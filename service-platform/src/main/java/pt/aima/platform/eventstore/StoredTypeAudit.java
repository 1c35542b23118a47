package pt.aima.platform.eventstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * What each service's tests hold its stored types to, so no event is forgotten: every internal event (a record of a
 * sealed {@code *Event} interface) and every snapshotted aggregate carries a {@link StoredAs} name, and the migration
 * that renamed the rows written under class names maps each of those types, and nothing else.
 */
public final class StoredTypeAudit {

    /** One {@code ('class name', 'logical name')} pair of a rename migration's values list. */
    private static final Pattern RENAME = Pattern.compile("\\(\\s*'([^']+)'\\s*,\\s*'([^']+)'\\s*\\)");

    private StoredTypeAudit() {}

    /**
     * The types under {@code basePackage} that the event store records but that have no {@link StoredAs} name: the
     * records of sealed interfaces named {@code ...Event}, and aggregates with a snapshot trigger.
     */
    public static List<String> storedTypesWithoutName(String basePackage) {
        List<String> unnamed = new ArrayList<>();
        for (Class<?> type : classesUnder(basePackage)) {
            if (type.isInterface() && type.isSealed() && type.getSimpleName().endsWith("Event")) {
                for (Class<?> event : type.getPermittedSubclasses()) {
                    if (!event.isAnnotationPresent(StoredAs.class)) {
                        unnamed.add(event.getName());
                    }
                }
            }
            Aggregate aggregate = type.getAnnotation(Aggregate.class);
            if (aggregate != null
                    && !aggregate.snapshotTriggerDefinition().isEmpty()
                    && !type.isAnnotationPresent(StoredAs.class)) {
                unnamed.add(type.getName() + " (snapshotted)");
            }
        }
        return unnamed;
    }

    /** The {@code class name -> logical name} pairs of a rename migration on the classpath. */
    public static Map<String, String> renamesIn(String migrationResource) {
        try (InputStream in = ClassUtils.getDefaultClassLoader().getResourceAsStream(migrationResource)) {
            if (in == null) {
                throw new IllegalArgumentException("No migration " + migrationResource + " on the classpath");
            }
            Matcher pairs = RENAME.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, String> renames = new LinkedHashMap<>();
            while (pairs.find()) {
                renames.put(pairs.group(1), pairs.group(2));
            }
            return renames;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What is wrong with a rename migration against the service's stored types: a type it does not map (unless it was
     * never stored under a class name), a name it maps to that no type carries, or an old class whose simple name is
     * not the logical name's type name (the convention, which catches swapped lines).
     *
     * @param bornWithLogicalNames the logical names of types added after the migration, which were never stored under
     *     their class names and so need no mapping
     */
    public static List<String> renameProblems(
            Map<String, String> renames, StoredTypes types, Set<String> bornWithLogicalNames) {
        List<String> problems = new ArrayList<>();
        Collection<String> targets = renames.values();
        for (String name : types.byName().keySet()) {
            if (!targets.contains(name) && !bornWithLogicalNames.contains(name)) {
                problems.add("no old class name is mapped to '" + name + "' ("
                        + types.classNamed(name).orElseThrow().getName() + ")");
            }
        }
        renames.forEach((className, name) -> {
            if (types.classNamed(name).isEmpty()) {
                problems.add("'" + className + "' is mapped to '" + name + "', which no @StoredAs type carries");
            }
            String simpleName =
                    className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
            if (!name.endsWith("." + simpleName)) {
                problems.add("'" + className + "' is mapped to '" + name + "', not to a name ending in ." + simpleName);
            }
        });
        return problems;
    }

    private static List<Class<?>> classesUnder(String basePackage) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter((reader, factory) -> true);
        ClassLoader loader = ClassUtils.getDefaultClassLoader();
        scanner.setResourceLoader(new DefaultResourceLoader(loader));
        List<Class<?>> classes = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
            classes.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), loader));
        }
        return classes;
    }
}
