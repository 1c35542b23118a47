package pt.aima.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One running (or configured) PostgreSQL server: how to reach it as an administrator, and how to stop it. */
abstract class PostgresServer implements AutoCloseable {

    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?$");

    /** For the start-up log line, e.g. "embedded 17.6". */
    abstract String kind();

    /** A JDBC URL of a database on the server that always exists (usually {@code postgres}). */
    abstract String adminJdbcUrl();

    abstract String username();

    abstract String password();

    @Override
    public abstract void close();

    /** The JDBC URL of {@code database} on this server: the admin URL with its database replaced. */
    String jdbcUrlFor(String database) {
        return replaceDatabase(adminJdbcUrl(), database);
    }

    static String replaceDatabase(String jdbcUrl, String database) {
        Matcher matcher = JDBC_URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "Not a PostgreSQL JDBC URL (expected jdbc:postgresql://host:port/database): " + jdbcUrl);
        }
        String query = matcher.group(3) == null ? "" : matcher.group(3);
        return matcher.group(1) + "/" + database + query;
    }

    Connection connect(String jdbcUrl) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username());
        properties.setProperty("password", password());
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    String serverVersion() {
        try (Connection connection = connect(adminJdbcUrl());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("show server_version")) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + adminJdbcUrl() + " does not answer: " + e, e);
        }
    }

    /** Creates {@code database} unless it exists. Safe against another process creating it at the same time. */
    void createDatabaseIfMissing(String database) {
        try (Connection connection = connect(adminJdbcUrl())) {
            try (var query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                query.setString(1, database);
                try (ResultSet result = query.executeQuery()) {
                    if (result.next()) {
                        return;
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("create database \"" + database + "\"");
            } catch (SQLException e) {
                // 42P04 duplicate_database; 23505 when two sessions race on the catalog's unique index.
                if (!"42P04".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not create database " + database + " on " + adminJdbcUrl() + ": " + e.getMessage(), e);
        }
    }
}
