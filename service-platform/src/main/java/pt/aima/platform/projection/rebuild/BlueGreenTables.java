package pt.aima.platform.projection.rebuild;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import pt.aima.platform.projection.rebuild.ProjectionRebuild.Difference;
import pt.aima.platform.projection.rebuild.ProjectionRebuild.TableChecksum;

/**
 * The SQL of a blue/green rebuild, on PostgreSQL: a copy of a projection's tables in a schema of its own, their
 * comparison with the live tables, and the swap.
 *
 * <p><b>The copy</b> has the live tables' names, columns, defaults, checks, keys, indexes and foreign keys (with their
 * names: after a swap a later migration finds what it expects), in schema {@code green}. Replaying into it needs no
 * change to a projection's SQL: the replay's transactions set {@code search_path} to that schema alone, so the
 * projection's unqualified table names are the copy's, and a table it writes without having declared it is an error,
 * never a write to a live table.
 *
 * <p><b>The comparison</b> hashes every row over the compared columns as text (md5 of the row), and a table by the md5
 * of its rows' hashes in order: equal tables have equal checksums whatever their physical order. Differing rows are
 * found by primary key (a full join), or for a table without one as rows in one copy and not the other.
 *
 * <p><b>The swap</b> moves the live tables into a retired schema and the copies into the live schema, in one
 * transaction: PostgreSQL's DDL is transactional, so a reader sees either all the old tables or all the new ones (a
 * query that arrives meanwhile waits for the commit and then reads the new table). Foreign keys of other tables that
 * point into the projection are dropped and re-created against the new tables in the same transaction.
 */
public class BlueGreenTables {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final JdbcClient jdbc;

    public BlueGreenTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The schema the service's unqualified table names resolve to (the live tables'). */
    public String liveSchema() {
        return identifier(
                jdbc.sql("select current_schema()").query(String.class).single());
    }

    /** A schema name of our own for {@code prefix} and the projection: lower case, at most 63 characters. */
    public static String schemaFor(String prefix, String projection) {
        String name = (prefix + projection).toLowerCase().replaceAll("[^a-z0-9_]", "_");
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    /**
     * What keeps the tables from being copied and swapped: a missing table, a column numbered by a sequence (the copy
     * would number its rows anew), a trigger or a view (neither would follow the swap).
     */
    public List<String> obstacles(String live, List<String> tables) {
        List<String> obstacles = new ArrayList<>();
        for (String table : tables) {
            String relation = qualified(live, table);
            Boolean exists = jdbc.sql("select to_regclass(:relation) is not null")
                    .param("relation", relation)
                    .query(Boolean.class)
                    .single();
            if (!exists) {
                obstacles.add("table " + relation + " does not exist");
                continue;
            }
            jdbc.sql(
                            """
                    select column_name from information_schema.columns
                    where table_schema = :schema and table_name = :table
                      and (column_default like 'nextval(%' or is_identity = 'YES')
                    """)
                    .param("schema", live)
                    .param("table", table)
                    .query(String.class)
                    .list()
                    .forEach(column -> obstacles.add(
                            relation + "." + column + " takes its values from a sequence; a copy would number anew"));
            jdbc.sql("select tgname from pg_trigger where tgrelid = cast(:relation as regclass) and not tgisinternal")
                    .param("relation", relation)
                    .query(String.class)
                    .list()
                    .forEach(trigger -> obstacles.add(relation + " has trigger " + trigger + ", which a swap loses"));
            jdbc.sql(
                            """
                    select distinct r.ev_class::regclass::text from pg_depend d
                    join pg_rewrite r on r.oid = d.objid
                    where d.classid = 'pg_rewrite'::regclass and d.refclassid = 'pg_class'::regclass
                      and d.refobjid = cast(:relation as regclass) and r.ev_class <> d.refobjid
                    """)
                    .param("relation", relation)
                    .query(String.class)
                    .list()
                    .forEach(view ->
                            obstacles.add("view " + view + " reads " + relation + "; it would not follow a swap"));
        }
        return obstacles;
    }

    /**
     * Creates schema {@code green} (dropping what a previous rebuild left there) with an empty copy of each table. Run
     * it in a transaction: it sets {@code search_path} for the transaction to read the definitions fully qualified.
     */
    public void createCopy(String live, String green, List<String> tables) {
        identifier(live);
        identifier(green);
        tables.forEach(BlueGreenTables::identifier);
        drop(green);
        jdbc.sql("create schema " + green).update();
        // Definitions read with only pg_catalog on the path come back schema-qualified.
        jdbc.sql("set local search_path = pg_catalog").update();
        List<String> keys = new ArrayList<>();
        List<String> foreignKeys = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        for (String table : tables) {
            String source = qualified(live, table);
            String copy = qualified(green, table);
            jdbc.sql("create table " + copy + " (like " + source
                            + " including defaults including constraints including generated including storage"
                            + " including comments)")
                    .update();
            jdbc.sql("select obj_description(cast(:relation as regclass), 'pg_class')")
                    .param("relation", source)
                    .query(String.class)
                    .optional()
                    .ifPresent(
                            comment -> jdbc.sql("comment on table " + copy + " is '" + comment.replace("'", "''") + "'")
                                    .update());
            for (Constraint constraint : constraints(source)) {
                String statement = "alter table " + copy + " add constraint " + quote(constraint.name()) + " "
                        + retarget(constraint.definition(), live, green, tables);
                if (constraint.type().equals("f")) {
                    foreignKeys.add(statement);
                } else {
                    keys.add(statement);
                }
            }
            jdbc.sql(
                            """
                    select pg_get_indexdef(i.indexrelid) from pg_index i
                    where i.indrelid = cast(:relation as regclass)
                      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
                    order by i.indexrelid
                    """)
                    .param("relation", source)
                    .query(String.class)
                    .list()
                    .forEach(index -> indexes.add(retarget(index, live, green, tables)));
        }
        keys.forEach(statement -> jdbc.sql(statement).update());
        foreignKeys.forEach(statement -> jdbc.sql(statement).update());
        indexes.forEach(statement -> jdbc.sql(statement).update());
        jdbc.sql("set local search_path to default").update();
    }

    /** The columns of the table, in order. */
    public List<String> columns(String schema, String table) {
        return jdbc.sql(
                        """
                select attname from pg_attribute
                where attrelid = cast(:relation as regclass) and attnum > 0 and not attisdropped order by attnum
                """)
                .param("relation", qualified(schema, table))
                .query(String.class)
                .list();
    }

    /** The columns of the table's primary key, in key order; empty if it has none. */
    public List<String> primaryKey(String schema, String table) {
        return jdbc.sql(
                        """
                select a.attname from pg_index i
                join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey::int2[])
                where i.indrelid = cast(:relation as regclass) and i.indisprimary
                order by array_position(i.indkey::int2[], a.attnum)
                """)
                .param("relation", qualified(schema, table))
                .query(String.class)
                .list();
    }

    /** Rows and checksum of the table in both schemas, over {@code compared}. */
    public TableChecksum checksum(String live, String green, String table, List<String> compared) {
        Checksum before = checksum(qualified(live, table), compared);
        Checksum after = checksum(qualified(green, table), compared);
        return new TableChecksum(table, before.rows(), after.rows(), before.md5(), after.md5());
    }

    private record Checksum(long rows, String md5) {}

    private Checksum checksum(String relation, List<String> compared) {
        return jdbc.sql("select count(*) as rows, coalesce(md5(string_agg(h, '' order by h)), md5('')) as checksum"
                        + " from (select md5(" + rowOf(null, compared) + "::text) as h from " + relation + ") r")
                .query((rs, row) -> new Checksum(rs.getLong("rows"), rs.getString("checksum")))
                .single();
    }

    /** The differing rows of one table: the first {@code limit}, and how many there are in all. */
    public record TableDifferences(long count, List<Difference> first) {}

    /**
     * The rows that differ between the live table and the copy: by primary key if it has one; otherwise rows in one and
     * not the other, named by {@code ownerKey} (the aggregate they belong to) when the table has that column.
     */
    public TableDifferences differences(
            String live, String green, String table, List<String> compared, String ownerKey, int limit) {
        List<String> key = primaryKey(live, table);
        String before = qualified(live, table);
        String after = qualified(green, table);
        List<Object[]> rows = new ArrayList<>();
        String sql;
        if (!key.isEmpty()) {
            String join = key.stream()
                    .map(column -> "l." + quote(column) + " = g." + quote(column))
                    .collect(Collectors.joining(" and "));
            String keyText = key.stream()
                    .map(column ->
                            "'" + column + "=' || coalesce(l." + quote(column) + ", g." + quote(column) + ")::text")
                    .collect(Collectors.joining(" || ', ' || "));
            String first = quote(key.getFirst());
            String changed = compared.isEmpty()
                    ? "array[]::text[]"
                    : "array_remove(array["
                            + compared.stream()
                                    .map(column -> "case when l." + quote(column) + "::text is distinct from g."
                                            + quote(column) + "::text then '" + column + "' end")
                                    .collect(Collectors.joining(", "))
                            + "], null)";
            sql = "select " + keyText + " as row_key, case when l." + first + " is null then 'ONLY_IN_REBUILT' when g."
                    + first + " is null then 'ONLY_IN_LIVE' else 'DIFFERENT' end as kind, case when l." + first
                    + " is null or g." + first + " is null then '' else array_to_string(" + changed
                    + ", ',') end as columns, count(*) over () as total from " + before + " l full join " + after
                    + " g on " + join + " where l." + first + " is null or g." + first + " is null or md5("
                    + rowOf("l", compared) + "::text) <> md5(" + rowOf("g", compared) + "::text)"
                    + " order by 1 limit " + limit;
        } else {
            List<String> columns = columns(live, table);
            String owner = ownerKey != null && columns.contains(ownerKey)
                    ? "'" + ownerKey + "=' || " + quote(ownerKey) + "::text"
                    : "null::text";
            String hashed = "select " + owner + " as row_key, md5(" + rowOf(null, compared) + "::text) as h from ";
            sql = "select row_key, kind, '' as columns, count(*) over () as total from ("
                    + "select row_key, 'ONLY_IN_LIVE' as kind from (" + hashed + before + " except all " + hashed
                    + after + ") a union all select row_key, 'ONLY_IN_REBUILT' from (" + hashed + after
                    + " except all " + hashed + before + ") b) d order by row_key, kind limit " + limit;
        }
        jdbc.sql(sql).query(rs -> {
            rows.add(new Object[] {
                rs.getString("row_key"), rs.getString("kind"), rs.getString("columns"), rs.getLong("total")
            });
        });
        long total = rows.isEmpty() ? 0 : (Long) rows.getFirst()[3];
        List<Difference> first = rows.stream()
                .map(row -> new Difference(
                        table,
                        (String) row[0],
                        (String) row[1],
                        row[2] == null || ((String) row[2]).isEmpty()
                                ? List.of()
                                : Arrays.asList(((String) row[2]).split(","))))
                .toList();
        return new TableDifferences(total, first);
    }

    private record InboundForeignKey(String relation, String name, String definition) {}

    /**
     * Swaps the copies in: the live tables go to schema {@code retired}, the copies from {@code green} take their
     * place; foreign keys of other tables that point into the projection are dropped and re-created against the new
     * tables. Run it in the transaction that also moves the projection's token; {@code lockTimeoutMillis} bounds the
     * wait for readers and writers of the live tables (then the swap fails, and nothing changed).
     */
    public void swap(String live, String green, String retired, List<String> tables, long lockTimeoutMillis) {
        identifier(live);
        identifier(green);
        identifier(retired);
        jdbc.sql("set local lock_timeout = " + Math.max(1, lockTimeoutMillis)).update();
        String oids = tables.stream()
                .map(table -> "cast('" + qualified(live, table) + "' as regclass)")
                .collect(Collectors.joining(", ", "array[", "]::oid[]"));
        jdbc.sql("set local search_path = pg_catalog").update();
        List<InboundForeignKey> inbound = jdbc.sql("select c.conrelid::regclass::text as relation, c.conname,"
                        + " pg_get_constraintdef(c.oid) as definition from pg_constraint c"
                        + " where c.contype = 'f' and c.confrelid = any(" + oids + ") and not c.conrelid = any(" + oids
                        + ")")
                .query((rs, row) -> new InboundForeignKey(
                        rs.getString("relation"), rs.getString("conname"), rs.getString("definition")))
                .list();
        jdbc.sql("set local search_path to default").update();
        for (InboundForeignKey key : inbound) {
            jdbc.sql("alter table " + key.relation() + " drop constraint " + quote(key.name()))
                    .update();
        }
        drop(retired);
        jdbc.sql("create schema " + retired).update();
        for (String table : tables) {
            jdbc.sql("alter table " + qualified(live, table) + " set schema " + retired)
                    .update();
        }
        for (String table : tables) {
            jdbc.sql("alter table " + qualified(green, table) + " set schema " + live)
                    .update();
        }
        // The definitions name the referenced tables schema-qualified: now the new ones.
        for (InboundForeignKey key : inbound) {
            jdbc.sql("alter table " + key.relation() + " add constraint " + quote(key.name()) + " " + key.definition())
                    .update();
        }
    }

    /** Drops the schema and what is in it, if it exists. */
    public void drop(String schema) {
        jdbc.sql("drop schema if exists " + identifier(schema) + " cascade").update();
    }

    /** Whether the schema exists. */
    public boolean exists(String schema) {
        return jdbc.sql("select exists (select 1 from pg_namespace where nspname = :schema)")
                .param("schema", schema)
                .query(Boolean.class)
                .single();
    }

    private record Constraint(String name, String type, String definition) {}

    private List<Constraint> constraints(String relation) {
        return jdbc.sql(
                        """
                select conname, contype, pg_get_constraintdef(oid) as definition from pg_constraint
                where conrelid = cast(:relation as regclass) and contype in ('p', 'u', 'x', 'f')
                order by case contype when 'p' then 0 when 'u' then 1 when 'x' then 2 else 3 end, conname
                """)
                .param("relation", relation)
                .query((rs, row) ->
                        new Constraint(rs.getString("conname"), rs.getString("contype"), rs.getString("definition")))
                .list();
    }

    /** {@code live.<table>} of the projection's tables becomes {@code green.<table>} in a definition. */
    private static String retarget(String definition, String live, String green, List<String> tables) {
        String result = definition;
        for (String table : tables) {
            result = result.replaceAll(
                    "\\b" + Pattern.quote(live + "." + table) + "\\b", Matcher.quoteReplacement(green + "." + table));
        }
        return result;
    }

    private static String rowOf(String alias, List<String> columns) {
        String prefix = alias == null ? "" : alias + ".";
        return columns.stream().map(column -> prefix + quote(column)).collect(Collectors.joining(", ", "row(", ")"));
    }

    static String qualified(String schema, String table) {
        return identifier(schema) + "." + identifier(table);
    }

    static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + name);
        }
        return name;
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
