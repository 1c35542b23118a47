package pt.aima.backlog.format;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The columns of a legacy SEF case file ({@code docs/legacy-case-format.md}), declared in file order: a column's
 * {@link #ordinal()} is its position in a row. The one definition of the header, for the generator that writes files
 * and for application-service, which reads them.
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
    PRESENT_SINCE("present_since");

    /** The first line of every file: each column's name, in order, separated by commas. */
    public static final String HEADER =
            Arrays.stream(values()).map(LegacyColumn::header).collect(Collectors.joining(","));

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
