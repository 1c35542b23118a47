package pt.aima.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import pt.aima.infra.DatabaseSettings;
import pt.aima.infra.LocalInfrastructure;

/**
 * A stream written under one class loads as another class that carries the same {@link StoredAs} name: what happens
 * when an event class is moved or renamed between a write and a replay. Against a real PostgreSQL with the
 * platform's schema.
 */
class StoredTypeRenameIT {

    private static DataSource dataSource;

    /** The event as first written. */
    @StoredAs("parcels.ParcelWeighed")
    @Revision("2")
    record ParcelWeighed(String parcel, int grams) {}

    /** The same event after its class moved and was renamed. */
    @StoredAs("parcels.ParcelWeighed")
    @Revision("2")
    record WeighedParcel(String parcel, int grams) {}

    /** A snapshotted state, before and after the same kind of change. */
    @StoredAs("parcels.Parcel")
    record Parcel(String parcel, int weighings) {}

    @StoredAs("parcels.Parcel")
    record ParcelState(String parcel, int weighings) {}

    @BeforeAll
    static void database() {
        DatabaseSettings database = LocalInfrastructure.shared().createDatabase("platform_stored_type_rename_it");
        dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/platform")
                .load()
                .migrate();
    }

    private static EventStorageEngine engine(StoredTypes types) {
        var serializer = new StoredTypeSerializer(
                JacksonSerializer.builder()
                        .objectMapper(new ObjectMapper().findAndRegisterModules())
                        .build(),
                types);
        return PostgresEventStorage.engine(
                dataSource,
                new SpringTransactionManager(new DataSourceTransactionManager(dataSource)),
                serializer,
                serializer,
                NoOpEventUpcaster.INSTANCE,
                SnapshotFilter.allowAll());
    }

    private static GenericDomainEventMessage<ParcelWeighed> weighed(String parcel, long sequence, int grams) {
        return new GenericDomainEventMessage<>("Parcel", parcel, sequence, new ParcelWeighed(parcel, grams));
    }

    @Test
    void aStreamWrittenUnderOneClassLoadsAsTheClassThatCarriesItsNameToday() {
        String parcel = UUID.randomUUID().toString();
        engine(StoredTypes.of(ParcelWeighed.class))
                .appendEvents(List.of(weighed(parcel, 0, 250), weighed(parcel, 1, 260)));

        List<Object> replayed = engine(StoredTypes.of(WeighedParcel.class))
                .readEvents(parcel)
                .asStream()
                .<Object>map(DomainEventMessage::getPayload)
                .toList();

        assertThat(replayed).containsExactly(new WeighedParcel(parcel, 250), new WeighedParcel(parcel, 260));
        assertThat(JdbcClient.create(dataSource)
                        .sql("select payload_type || ' ' || payload_revision from domain_event_entry"
                                + " where aggregate_identifier = ?")
                        .param(parcel)
                        .query(String.class)
                        .list())
                .as("no Java class name in the store")
                .containsOnly("parcels.ParcelWeighed 2");
    }

    @Test
    void aSnapshotWrittenUnderOneClassLoadsAsTheClassThatCarriesItsNameToday() {
        String parcel = UUID.randomUUID().toString();
        EventStorageEngine before = engine(StoredTypes.of(ParcelWeighed.class, Parcel.class));
        before.appendEvents(List.of(weighed(parcel, 0, 250)));
        before.storeSnapshot(new GenericDomainEventMessage<>("Parcel", parcel, 0, new Parcel(parcel, 1)));

        var snapshot = engine(StoredTypes.of(WeighedParcel.class, ParcelState.class))
                .readSnapshot(parcel)
                .orElseThrow();

        assertThat(snapshot.getPayload()).isEqualTo(new ParcelState(parcel, 1));
        assertThat(JdbcClient.create(dataSource)
                        .sql("select payload_type from snapshot_event_entry where aggregate_identifier = ?")
                        .param(parcel)
                        .query(String.class)
                        .single())
                .isEqualTo("parcels.Parcel");
    }
}
