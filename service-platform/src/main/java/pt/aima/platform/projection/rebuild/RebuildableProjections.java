package pt.aima.platform.projection.rebuild;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import pt.aima.platform.projection.ProjectionTables;
import pt.aima.platform.projection.ReadModelTable;

/**
 * Finds the service's projections that can be rebuilt: every streaming processor whose handlers keep their tables
 * through a {@link ReadModelTable} (a field of the handler's bean; its dependents come with it) or name them with
 * {@link ProjectionTables}. Nothing to register: a new projection built on the skeleton is rebuildable as it is. The
 * Kafka relay and processors without tables are not; nor are subscribing processors (no token to switch).
 */
public class RebuildableProjections {

    private final EventProcessingConfiguration processing;
    private final ListableBeanFactory beans;

    public RebuildableProjections(EventProcessingConfiguration processing, ListableBeanFactory beans) {
        this.processing = processing;
        this.beans = beans;
    }

    /** Whether the service has a streaming processor of that name (rebuildable or not). */
    public boolean isStreamingProcessor(String name) {
        return processing.eventProcessor(name).orElse(null) instanceof StreamingEventProcessor;
    }

    /** The projection of that name, if it is a streaming processor whose handlers have tables. */
    public Optional<RebuildableProjection> find(String name) {
        if (!(processing.eventProcessor(name).orElse(null) instanceof AbstractEventProcessor processor)
                || !(processor instanceof StreamingEventProcessor)) {
            return Optional.empty();
        }
        List<EventMessageHandler> handlers = new ArrayList<>();
        collect(processor.eventHandlerInvoker(), handlers);
        Map<String, RebuildableProjection.Table> tables = new LinkedHashMap<>();
        Set<String> notCompared = new LinkedHashSet<>();
        for (EventMessageHandler handler : handlers) {
            for (Object bean : beansOf(handler.getTargetType())) {
                describe(bean, tables, notCompared);
            }
        }
        if (tables.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RebuildableProjection(
                name, List.copyOf(tables.values()), Set.copyOf(notCompared), List.copyOf(handlers)));
    }

    /** Every rebuildable projection of the service. */
    public List<RebuildableProjection> all() {
        return processing.eventProcessors().keySet().stream()
                .map(this::find)
                .flatMap(Optional::stream)
                .toList();
    }

    private static void collect(EventHandlerInvoker invoker, List<EventMessageHandler> handlers) {
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            multi.delegates().forEach(delegate -> collect(delegate, handlers));
        } else if (invoker instanceof SimpleEventHandlerInvoker simple) {
            handlers.addAll(simple.eventHandlers());
        }
    }

    private List<Object> beansOf(Class<?> type) {
        if (type == null) {
            return List.of();
        }
        return beans.getBeanProvider(type).stream()
                .map(bean -> {
                    Object target = bean;
                    for (Object inner = AopProxyUtils.getSingletonTarget(target);
                            inner != null;
                            inner = AopProxyUtils.getSingletonTarget(target)) {
                        target = inner;
                    }
                    return target;
                })
                .toList();
    }

    private static void describe(
            Object bean, Map<String, RebuildableProjection.Table> tables, Set<String> notCompared) {
        ProjectionTables declared = bean.getClass().getAnnotation(ProjectionTables.class);
        if (declared != null) {
            for (String table : declared.value()) {
                tables.putIfAbsent(table, new RebuildableProjection.Table(table, null));
            }
            notCompared.addAll(List.of(declared.notCompared()));
        }
        for (Class<?> type = bean.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getType() != ReadModelTable.class || Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                ReadModelTable table;
                try {
                    table = (ReadModelTable) field.get(bean);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + field, e);
                }
                if (table == null) {
                    continue;
                }
                tables.putIfAbsent(table.name(), new RebuildableProjection.Table(table.name(), table.keyColumn()));
                for (String dependent : table.dependents()) {
                    tables.putIfAbsent(dependent, new RebuildableProjection.Table(dependent, table.keyColumn()));
                }
                notCompared.addAll(table.columnsNotCompared());
            }
        }
    }
}
