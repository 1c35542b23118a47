package pt.aima.kernel.application;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where an applicant's household lives, as AIMA organises its service desks: the 18 districts of mainland Portugal
 * and the two autonomous regions (Açores, Madeira), by their names in capitals without diacritics. A desk belongs to
 * one region and a case is scheduled at a desk of its own region.
 *
 * <p>The list is the published one every service and the legacy import accept; a code outside it is refused at the
 * edge (400 at registration, a reported line in an import), never stored.
 */
public enum Region {
    AVEIRO,
    BEJA,
    BRAGA,
    BRAGANCA,
    CASTELO_BRANCO,
    COIMBRA,
    EVORA,
    FARO,
    GUARDA,
    LEIRIA,
    LISBOA,
    PORTALEGRE,
    PORTO,
    SANTAREM,
    SETUBAL,
    VIANA_DO_CASTELO,
    VILA_REAL,
    VISEU,
    ACORES,
    MADEIRA;

    /**
     * The region of records published before regions existed (an {@code ApplicationRegistered} without
     * {@code region}): the operation's first desks were in Lisbon, where those cases were queued.
     */
    public static final Region BEFORE_REGIONS = LISBOA;

    /** The region with this code, if it is on the published list (exact match, as written in the list). */
    public static Optional<Region> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(r -> r.name().equals(code)).findFirst();
    }
}
