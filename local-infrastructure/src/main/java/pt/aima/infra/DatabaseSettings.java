package pt.aima.infra;

import java.util.Objects;

/**
 * How to reach one database that {@link LocalInfrastructure#createDatabase(String)} made.
 *
 * @param jdbcUrl the JDBC URL of the database, e.g. {@code jdbc:postgresql://localhost:54321/application_service}
 * @param username the user to log in as
 * @param password the password, possibly empty (never {@code null})
 */
public record DatabaseSettings(String jdbcUrl, String username, String password) {

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(username, "username");
        password = password == null ? "" : password;
    }

    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password=***]";
    }
}
