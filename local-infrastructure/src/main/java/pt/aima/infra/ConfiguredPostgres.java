package pt.aima.infra;

/** An existing PostgreSQL server named by {@code AIMA_POSTGRES_URL}; never stopped by us. */
final class ConfiguredPostgres extends PostgresServer {

    private final String url;
    private final String username;
    private final String password;

    ConfiguredPostgres(String url, String username, String password) {
        replaceDatabase(url, "postgres"); // validates the URL early, with a clear message
        this.url = url;
        this.username = username;
        this.password = password;
    }

    @Override
    String kind() {
        return "configured server (" + InfrastructureOptions.ENV_POSTGRES_URL + ")";
    }

    @Override
    String adminJdbcUrl() {
        return url;
    }

    @Override
    String username() {
        return username;
    }

    @Override
    String password() {
        return password;
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
