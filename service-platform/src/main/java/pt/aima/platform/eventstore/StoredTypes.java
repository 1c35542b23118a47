package pt.aima.platform.eventstore;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The service's stored types and their {@link StoredAs} names, both ways. Built once at start-up from the classes
 * on the classpath, so the event store never needs a hand-kept list: a new event carries its annotation and is found.
 *
 * <p>Two classes claiming one name, or a name that is blank or could be read as something else, stop the service
 * from starting: the store would otherwise give one class's history to the other.
 */
public final class StoredTypes {

    /** Letters, digits, dots, dashes and underscores; no '$' or spaces, which would be read as a Java class name. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z][A-Za-z0-9_-]*)+");

    private final Map<String, Class<?>> classesByName;
    private final Map<Class<?>, String> namesByClass;

    private StoredTypes(Collection<Class<?>> annotated) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        Map<Class<?>, String> byClass = new LinkedHashMap<>();
        for (Class<?> type : annotated) {
            StoredAs storedAs = type.getAnnotation(StoredAs.class);
            if (storedAs == null) {
                throw new IllegalArgumentException(type.getName() + " has no @StoredAs name");
            }
            String name = storedAs.value();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalStateException("@StoredAs(\"" + name + "\") on " + type.getName()
                        + " is not a logical name: <context>.<TypeName>, letters, digits, '.', '-' and '_'");
            }
            Class<?> claimed = byName.putIfAbsent(name, type);
            if (claimed != null && claimed != type) {
                throw new IllegalStateException("Two stored types claim the name '" + name + "': " + claimed.getName()
                        + " and " + type.getName());
            }
            byClass.put(type, name);
        }
        this.classesByName = Collections.unmodifiableMap(byName);
        this.namesByClass = Collections.unmodifiableMap(byClass);
    }

    /** Exactly the given classes, each annotated with {@link StoredAs}. */
    public static StoredTypes of(Class<?>... types) {
        return new StoredTypes(List.of(types));
    }

    /**
     * Every class annotated with {@link StoredAs} in the given packages and below, nested types included (the records
     * of a sealed event interface).
     */
    public static StoredTypes scan(Collection<String> basePackages) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                // any top-level or static nested type; the default would also demand a concrete bean class
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(StoredAs.class, false, false));
        ClassLoader loader = ClassUtils.getDefaultClassLoader();
        scanner.setResourceLoader(new DefaultResourceLoader(loader));
        Map<String, Class<?>> found = new LinkedHashMap<>();
        for (String basePackage : basePackages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
                String className = candidate.getBeanClassName();
                found.computeIfAbsent(className, name -> ClassUtils.resolveClassName(name, loader));
            }
        }
        return new StoredTypes(found.values());
    }

    public static StoredTypes scan(String... basePackages) {
        return scan(List.of(basePackages));
    }

    /** The logical name of {@code type}, if it has one. */
    public Optional<String> nameOf(Class<?> type) {
        return Optional.ofNullable(namesByClass.get(type));
    }

    /** The class that stores itself under {@code name}, if any. */
    public Optional<Class<?>> classNamed(String name) {
        return Optional.ofNullable(classesByName.get(name));
    }

    /** Every logical name with its class, in the order found. */
    public Map<String, Class<?>> byName() {
        return classesByName;
    }

    @Override
    public String toString() {
        return "StoredTypes" + classesByName.keySet();
    }
}
