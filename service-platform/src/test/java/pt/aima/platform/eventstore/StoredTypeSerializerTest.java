package pt.aima.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import pt.aima.platform.eventstore.scanned.ParcelEvent;
import pt.aima.platform.eventstore.scanned.ParcelEvent.ParcelLost;
import pt.aima.platform.eventstore.scanned.ParcelEvent.ParcelShipped;
import pt.aima.platform.eventstore.scanned.ParcelEvent.ParcelWeighed;

class StoredTypeSerializerTest {

    private static final JacksonSerializer JSON = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules())
            .build();

    private final StoredTypeSerializer serializer =
            new StoredTypeSerializer(JSON, StoredTypes.of(ParcelWeighed.class, ParcelShipped.class));

    /** The same event after a move and a rename: it claims the old name. */
    @StoredAs("parcels.ParcelWeighed")
    @Revision("2")
    record WeighedParcel(String parcel, int grams) {}

    @StoredAs("parcels.ParcelWeighed")
    record ImpostorParcel(String parcel) {}

    @StoredAs("ParcelWeighed")
    record Unqualified(String parcel) {}

    @Test
    void recordsTheLogicalNameAndTheRevisionAndReadsTheEventBack() {
        SerializedObject<byte[]> stored = serializer.serialize(new ParcelWeighed("P-1", 250), byte[].class);

        assertThat(stored.getType().getName()).isEqualTo("parcels.ParcelWeighed");
        assertThat(stored.getType().getRevision()).isEqualTo("2");
        assertThat(serializer.typeForClass(ParcelWeighed.class))
                .isEqualTo(new SimpleSerializedType("parcels.ParcelWeighed", "2"));
        assertThat(serializer.classForType(stored.getType())).isEqualTo(ParcelWeighed.class);
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(new ParcelWeighed("P-1", 250));
    }

    @Test
    void readsAnOldNameAsTheClassThatCarriesItToday() {
        SerializedObject<byte[]> stored = serializer.serialize(new ParcelWeighed("P-2", 900), byte[].class);
        var moved = new StoredTypeSerializer(JSON, StoredTypes.of(WeighedParcel.class));

        assertThat(moved.classForType(stored.getType())).isEqualTo(WeighedParcel.class);
        assertThat((Object) moved.deserialize(stored)).isEqualTo(new WeighedParcel("P-2", 900));
    }

    @Test
    void keepsTheClassNameOfATypeWithoutALogicalName() {
        SerializedObject<byte[]> lost = serializer.serialize(new ParcelLost("P-3"), byte[].class);
        SerializedObject<byte[]> metaData = serializer.serialize(MetaData.with("actor", "clerk-1"), byte[].class);

        assertThat(lost.getType().getName()).isEqualTo(ParcelLost.class.getName());
        assertThat((Object) serializer.deserialize(lost)).isEqualTo(new ParcelLost("P-3"));
        assertThat((Object) serializer.deserialize(metaData)).isEqualTo(MetaData.with("actor", "clerk-1"));
    }

    @Test
    void anUnknownNameIsReportedAsAxonDoesAndItsPayloadIsNotReadSilently() {
        var stored = new SimpleSerializedObject<>(
                "{\"parcel\":\"P-4\"}".getBytes(), byte[].class, "parcels.ParcelWeighedTwice", "1");

        assertThat(serializer.classForType(stored.getType())).isEqualTo(UnknownSerializedType.class);
        assertThatThrownBy(() -> serializer.deserialize(stored))
                .isInstanceOf(UnknownStoredTypeException.class)
                .hasMessageContaining("'parcels.ParcelWeighedTwice' (revision 1)")
                .hasMessageContaining("@StoredAs(\"parcels.ParcelWeighedTwice\")");
    }

    @Test
    void aScanFindsTheRecordsOfSealedInterfacesAndOnlyTheAnnotatedOnes() {
        StoredTypes scanned = StoredTypes.scan(ParcelEvent.class.getPackageName());

        assertThat(scanned.byName())
                .isEqualTo(Map.of(
                        "parcels.ParcelWeighed", ParcelWeighed.class, "parcels.ParcelShipped", ParcelShipped.class));
        assertThat(scanned.nameOf(ParcelLost.class)).isEmpty();
    }

    @Test
    void twoTypesCannotShareAName() {
        assertThatThrownBy(() -> StoredTypes.of(ParcelWeighed.class, ImpostorParcel.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'parcels.ParcelWeighed'")
                .hasMessageContaining(ImpostorParcel.class.getName());
    }

    @Test
    void aNameNeedsItsContext() {
        assertThatThrownBy(() -> StoredTypes.of(Unqualified.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("<context>.<TypeName>");
    }

    @Test
    void anAuditFindsTheEventsWithoutANameAndTheRenamesThatDoNotFit() {
        assertThat(StoredTypeAudit.storedTypesWithoutName(ParcelEvent.class.getPackageName()))
                .containsExactly(ParcelLost.class.getName());

        StoredTypes types = StoredTypes.of(ParcelWeighed.class, ParcelShipped.class);
        assertThat(StoredTypeAudit.renameProblems(
                        Map.of("old.ParcelEvent$ParcelWeighed", "parcels.ParcelWeighed"), types, Set.of()))
                .containsExactly("no old class name is mapped to 'parcels.ParcelShipped' ("
                        + ParcelShipped.class.getName() + ")");
        assertThat(StoredTypeAudit.renameProblems(
                        Map.of("old.ParcelEvent$ParcelWeighed", "parcels.ParcelWeighed"),
                        types,
                        Set.of("parcels.ParcelShipped")))
                .isEmpty();
        assertThat(StoredTypeAudit.renameProblems(
                        Map.of(
                                "old.ParcelEvent$ParcelWeighed", "parcels.ParcelShipped",
                                "old.ParcelEvent$ParcelShipped", "parcels.ParcelWeighed"),
                        types,
                        Set.of()))
                .hasSize(2)
                .allMatch(problem -> problem.contains("not to a name ending in"));
    }
}
