package pt.aima.document.casedocuments;

import java.util.List;

/**
 * Why a checklist item is required: the stable code that travels to the portal and to other services (published with
 * {@code DocumentChecklistOpened}), with the facts it names ({@link RequiredItem#reasonValues()}). Readers word it in
 * their own language from the code and the facts ({@link ReasonWording}); the English sentence stored with the item is
 * the rules' own wording, for logs and English readers.
 *
 * <p>Facts are codes, never words: durations as ISO-8601 periods ({@code P1Y}), the address title as its {@code
 * AddressTitle} code, countries as ISO 3166-1 alpha-3 codes separated by {@code ", "}.
 */
public enum ChecklistReason {
    SPONSOR_RESIDES_LEGALLY,
    VALID_TRAVEL_DOCUMENT,
    MEMBER_IN_PORTUGAL,
    SPOUSE_TIE,
    UNION_OVER_TWO_YEARS,
    UNION_DECLARED,
    MINOR_CHILD_TIE,
    OTHER_PARENT_ABROAD,
    OTHER_PARENT_RESIDENCE_NOT_DECLARED,
    ADOPTED_CHILD_TIE,
    INCAPABLE_ADULT_CHILD_TIE,
    DEPENDENT_ADULT_CHILD_TIE,
    ADULT_CHILD_DEPENDENCE,
    ADULT_CHILD_ENROLMENT,
    DEPENDENT_PARENT_TIE,
    GUARDIANSHIP_TIE,
    GUARDIANSHIP_RECOGNISED,
    /** Optional fact {@value #ADDRESS_TITLE} (not named when the registration did not declare it). */
    ADDRESS_OF_RESIDENCE,
    /** Fact {@value #ADDRESS_TITLE}. */
    HOME_OWNED,
    /** Fact {@value #ADDRESS_TITLE}. */
    HOME_NOT_OWNED,
    MEANS_OF_SUBSISTENCE,
    /** Fact {@value #MODEL_4_VERSION}: the version in force for the case. */
    MODEL_4_IN_FORCE,
    /** Facts {@value #FROM_AGE}, {@value #FOREIGN_STAY} and, when any, {@value #COUNTRIES}. */
    CRIMINAL_RECORD_ABROAD,
    /** Facts {@value #PORTUGUESE_STAY} and {@value #LOOKBACK}. */
    STAY_IN_PORTUGAL;

    /** The code of the household's title to its address ({@code OWNER}, {@code OTHER_ACCOMMODATION} ...). */
    public static final String ADDRESS_TITLE = "addressTitle";

    public static final String MODEL_4_VERSION = "model4Version";

    /** The age from which a criminal record is asked, in years. */
    public static final String FROM_AGE = "fromAge";

    /** A stay abroad longer than this calls for that country's criminal record (ISO-8601 period). */
    public static final String FOREIGN_STAY = "foreignStay";

    /** The countries whose records are asked, alpha-3 codes separated by {@code ", "}. */
    public static final String COUNTRIES = "countries";

    /** A stay in Portugal longer than this, within {@link #LOOKBACK}, calls for the Portuguese record check. */
    public static final String PORTUGUESE_STAY = "portugueseStay";

    public static final String LOOKBACK = "lookback";

    /** The facts that are durations (ISO-8601 periods), worded as durations in every language. */
    static final List<String> DURATIONS = List.of(FOREIGN_STAY, PORTUGUESE_STAY, LOOKBACK);
}
