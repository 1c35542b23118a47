package pt.aima.platform.projection.rebuild;

import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.EventMessageHandler;

/**
 * A projection that can be rebuilt blue/green: its streaming processor, the tables its handlers write, and the
 * handlers themselves (the same objects the live processor calls).
 *
 * @param name the processing group
 * @param tables its tables, parents first
 * @param notCompared columns left out of the comparison with the live tables
 */
public record RebuildableProjection(
        String name, List<Table> tables, Set<String> notCompared, List<EventMessageHandler> handlers) {

    /**
     * One table of the projection.
     *
     * @param ownerKey the aggregate's id column of the table it belongs to (its own key for a parent table), used to
     *     name a differing row of a table without a primary key; null if none
     */
    public record Table(String name, String ownerKey) {}

    public List<String> tableNames() {
        return tables.stream().map(Table::name).toList();
    }
}
