package pt.aima.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.flyway.autoconfigure.FlywayProperties;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import pt.aima.infra.DatabaseSettings;
import pt.aima.infra.LocalInfrastructure;

/**
 * A service's database holds the platform's migrations (1.x) and the service's own (100 and up) in one history, so a
 * platform migration added in a later release is numbered below what a running service's database has already
 * applied (1.40 to 1.42 came after the services' 200s and 300s). On its next start such a database must take the new
 * platform migrations, not refuse to start: with the platform's Flyway settings, as Spring Boot reads them, against a
 * real PostgreSQL.
 */
class PlatformMigrationsUpgradeIT {

    /** The platform migrations the earlier release did not have. */
    private static final MigrationVersion FIRST_NEW = MigrationVersion.fromVersion("1.40");

    @TempDir
    Path earlierRelease;

    @Test
    void aServicesDatabaseMigratedByAnEarlierReleaseTakesTheLaterPlatformMigrationsOnItsNextStart() throws Exception {
        DatabaseSettings database = LocalInfrastructure.shared().createDatabase("platform_migrations_upgrade_it");
        DataSource dataSource =
                new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
        Flyway.configure().dataSource(dataSource).cleanDisabled(false).load().clean();
        Path platform = Files.createDirectories(earlierRelease.resolve("platform"));
        Path service = Files.createDirectories(earlierRelease.resolve("service"));
        for (Path script : platformScripts()) {
            if (versionOf(script).compareTo(FIRST_NEW) < 0) {
                Files.copy(script, platform.resolve(script.getFileName()));
            }
        }
        Files.writeString(service.resolve("V331__parcel.sql"), "create table parcel (id bigint primary key);\n");

        // the earlier release: the platform's migrations up to 1.39 and the service's 331
        Flyway.configure()
                .dataSource(dataSource)
                .locations("filesystem:" + platform, "filesystem:" + service)
                .load()
                .migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        assertThat(applied(jdbc)).contains("331").doesNotContain("1.40", "1.41", "1.42");

        // this release, started on that database with the platform's settings
        FlywayProperties settings = platformFlywaySettings();
        assertThat(settings.getLocations()).contains("classpath:db/platform");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/platform", "filesystem:" + service)
                .outOfOrder(settings.isOutOfOrder())
                .load()
                .migrate();

        assertThat(applied(jdbc)).contains("1.40", "1.41", "1.42", "331");
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where not success")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select to_regclass('personal_data_key') is not null")
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(jdbc.sql("select data_type from information_schema.columns"
                                + " where table_name = 'dead_letter_entry' and column_name = 'enqueued_at'")
                        .query(String.class)
                        .single())
                .isEqualTo("character varying");
    }

    private static List<String> applied(JdbcClient jdbc) {
        return jdbc.sql("select version from flyway_schema_history where version is not null")
                .query(String.class)
                .list();
    }

    private static List<Path> platformScripts() throws IOException, URISyntaxException {
        Path directory = Path.of(Objects.requireNonNull(PlatformMigrationsUpgradeIT.class.getResource("/db/platform"))
                .toURI());
        try (Stream<Path> scripts = Files.list(directory)) {
            return scripts.filter(script -> script.getFileName().toString().startsWith("V"))
                    .toList();
        }
    }

    private static MigrationVersion versionOf(Path script) {
        String name = script.getFileName().toString();
        return MigrationVersion.fromVersion(
                name.substring(1, name.indexOf("__")).replace('_', '.'));
    }

    /** spring.flyway.* as a service sees it: the platform's defaults bound the way Spring Boot binds them. */
    private static FlywayProperties platformFlywaySettings() {
        StandardEnvironment environment = new StandardEnvironment();
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());
        return Binder.get(environment)
                .bind("spring.flyway", FlywayProperties.class)
                .get();
    }
}
