package pt.aima.backlog.format;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The columns of a legacy SEF case file ({@code docs/legacy-case-format.md}), declared in file order: a column's
 * {@link #ordinal()} is its position in a row. The one definition of the header, for the generator that writes files
 * and for application-service, which reads them.
 *
 * <p>{@link #STAY_ENDS_ON} was added later as an optional trailing column: a file says by its header whether its rows
 * have it ({@link #HEADER}) or end at {@code present_since} ({@link #HEADER_BEFORE_STAY}, as every file prepared
 * before did); both are read.
 */
public enum LegacyColumn {
    LEGACY_NUMBER("legacy_number"),
    SUBMITTED_ON("submitted_on"),
    SPONSOR_NAME("sponsor_name"),
    SPONSOR_PERMIT("sponsor_permit"),
    PARTNER_TYPE("partner_type"),
    PARTNER_NAME("partner_name"),
    DESK_REGION("desk_region"),
    APPLICANT_ID("applicant_id"),
    EMAIL("email"),
    LANGUAGE("language"),
    MEMBER_NAME("member_name"),
    RELATIONSHIP("relationship"),
    DATE_OF_BIRTH("date_of_birth"),
    NATIONALITY("nationality"),
    PRESENT_IN_PORTUGAL("present_in_portugal"),
    PRESENT_SINCE("present_since"),
    /** Optional: the last day of the member's current lawful stay in Portugal, when known. */
    STAY_ENDS_ON("stay_ends_on");

    /** The first line of a file written today: each column's name, in order, separated by commas. */
    public static final String HEADER =
            Arrays.stream(values()).map(LegacyColumn::header).collect(Collectors.joining(","));

    /**
     * The columns of files written before {@code stay_ends_on} existed, {@code legacy_number} to {@code present_since}:
     * such files are still read, their members' stays not known.
     */
    public static final List<LegacyColumn> BEFORE_STAY = List.of(values()).subList(0, STAY_ENDS_ON.ordinal());

    /** The first line of a file written before {@code stay_ends_on} existed. */
    public static final String HEADER_BEFORE_STAY =
            BEFORE_STAY.stream().map(LegacyColumn::header).collect(Collectors.joining(","));

    /**
     * The columns that describe the case, {@code legacy_number} to {@code language}: a case has one row per family
     * member, and every row of a case repeats these identically. The others describe the row's member.
     */
    public static final List<LegacyColumn> CASE_COLUMNS = List.of(values()).subList(0, MEMBER_NAME.ordinal());

    private final String header;

    LegacyColumn(String header) {
        this.header = header;
    }

    /** The column's name in the header. */
    public String header() {
        return header;
    }
}
