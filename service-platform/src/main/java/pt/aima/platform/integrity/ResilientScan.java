package pt.aima.platform.integrity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a table in key order inside the caller's transaction and goes on past rows the database cannot return (a
 * damaged TOAST value, a damaged page): the batch that failed is read again one row at a time from the last row read,
 * the row that fails is named by its key (read without its other columns), and reading resumes after it. Each query
 * runs under a savepoint, so one failure does not end the transaction and its snapshot.
 */
final class ResilientScan {

    /** What the caller does with each row, and with each row that could not be read. */
    interface Rows {
        void row(ResultSet row) throws SQLException;

        void unreadable(Object[] key, SQLException cause);
    }

    /** Rows read one at a time after a failure before batches resume. */
    private static final int CAREFUL_ROWS = 50;

    private final Connection connection;
    private final String columns;
    private final String table;
    private final List<String> keyColumns;
    private final int fetchSize;

    ResilientScan(Connection connection, String columns, String table, List<String> keyColumns, int fetchSize) {
        this.connection = connection;
        this.columns = columns;
        this.table = table;
        this.keyColumns = List.copyOf(keyColumns);
        this.fetchSize = fetchSize;
    }

    void run(Rows rows) throws SQLException {
        Object[] last = null;
        int careful = 0;
        while (true) {
            Savepoint savepoint = connection.setSavepoint();
            try {
                if (careful == 0) {
                    try (PreparedStatement select = select(columns, last, null)) {
                        select.setFetchSize(fetchSize);
                        try (ResultSet result = select.executeQuery()) {
                            while (result.next()) {
                                Object[] key = key(result);
                                rows.row(result);
                                last = key;
                            }
                        }
                    }
                    connection.releaseSavepoint(savepoint);
                    return;
                }
                try (PreparedStatement select = select(columns, last, 1);
                        ResultSet result = select.executeQuery()) {
                    if (!result.next()) {
                        connection.releaseSavepoint(savepoint);
                        return;
                    }
                    Object[] key = key(result);
                    rows.row(result);
                    last = key;
                }
                connection.releaseSavepoint(savepoint);
                careful--;
            } catch (SQLException failure) {
                connection.rollback(savepoint);
                if (careful == 0) {
                    careful = CAREFUL_ROWS;
                    continue;
                }
                Object[] failing = nextKey(last, failure);
                rows.unreadable(failing, failure);
                last = failing;
            }
        }
    }

    /** The key of the row after {@code last}, read without the row's other columns. */
    private Object[] nextKey(Object[] last, SQLException failure) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try (PreparedStatement select = select(String.join(", ", keyColumns), last, 1);
                ResultSet result = select.executeQuery()) {
            if (!result.next()) {
                throw failure;
            }
            Object[] key = key(result);
            connection.releaseSavepoint(savepoint);
            return key;
        } catch (SQLException keyFailure) {
            connection.rollback(savepoint);
            SQLException stopped = new SQLException(
                    "cannot read " + table + " past " + (last == null ? "its start" : Arrays.toString(last)) + ": "
                            + failure.getMessage(),
                    failure);
            stopped.addSuppressed(keyFailure);
            throw stopped;
        }
    }

    private PreparedStatement select(String selected, Object[] after, Integer limit) throws SQLException {
        String keys = String.join(", ", keyColumns);
        String where = after == null
                ? ""
                : " where (" + keys + ") > ("
                        + keyColumns.stream().map(column -> "?").collect(Collectors.joining(", ")) + ")";
        PreparedStatement select = connection.prepareStatement("select " + selected + " from " + table + where
                + " order by " + keys + (limit == null ? "" : " limit " + limit));
        if (after != null) {
            for (int i = 0; i < after.length; i++) {
                select.setObject(i + 1, after[i]);
            }
        }
        return select;
    }

    private Object[] key(ResultSet row) throws SQLException {
        Object[] key = new Object[keyColumns.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = row.getObject(keyColumns.get(i));
        }
        return key;
    }
}
