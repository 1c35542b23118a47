package pt.aima.platform.projection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The columns an event sets in a read-model row, in order; a value may be null (to clear a column). Names are the
 * projection's own constants, checked to be plain SQL identifiers: they become part of the statement.
 */
public final class Columns {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final Map<String, Object> values;

    private Columns(Map<String, Object> values) {
        this.values = values;
    }

    /** No column but the key, the sequence and the time: for an event that only advances the row. */
    public static Columns none() {
        return new Columns(Map.of());
    }

    public static Columns set(String column, Object value) {
        return none().and(column, value);
    }

    /** A copy with {@code column} set to {@code value} as well. */
    public Columns and(String column, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        if (copy.put(identifier(column), value) != null || values.containsKey(column)) {
            throw new IllegalArgumentException("column " + column + " set twice");
        }
        return new Columns(copy);
    }

    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + name);
        }
        return name;
    }
}
