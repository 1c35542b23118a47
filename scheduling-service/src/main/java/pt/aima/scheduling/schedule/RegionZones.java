package pt.aima.scheduling.schedule;

import java.time.ZoneId;
import pt.aima.kernel.application.Region;

/**
 * The time zone of a region's desks: appointments are given in local time at the desk, and the Açores keep an hour
 * behind the mainland and Madeira.
 */
public final class RegionZones {

    public static final ZoneId MAINLAND = ZoneId.of("Europe/Lisbon");

    private RegionZones() {}

    public static ZoneId of(Region region) {
        return switch (region) {
            case ACORES -> ZoneId.of("Atlantic/Azores");
            case MADEIRA -> ZoneId.of("Atlantic/Madeira");
            default -> MAINLAND;
        };
    }
}
