package pt.aima.platform.eventstore.scanned;

import org.axonframework.serialization.Revision;
import pt.aima.platform.eventstore.StoredAs;

/** Events as a service declares them: records of a sealed interface, found by {@code StoredTypes.scan}. */
public sealed interface ParcelEvent {

    @StoredAs("parcels.ParcelWeighed")
    @Revision("2")
    record ParcelWeighed(String parcel, int grams) implements ParcelEvent {}

    @StoredAs("parcels.ParcelShipped")
    @Revision("1")
    record ParcelShipped(String parcel) implements ParcelEvent {}

    /** Not stored under a logical name. */
    record ParcelLost(String parcel) implements ParcelEvent {}
}
