package pt.aima.operations.projection.cases;

/**
 * How many cases share one combination of the backlog's dimensions.
 *
 * @param stage the case's stage (a decided case as GRANTED or REFUSED)
 * @param ageBucket the label of its {@link AgeBucket}
 * @param region the desk region
 * @param partner the partner that recovered an imported case, {@code NONE} for a portal registration
 * @param relationship the relationship of the household's first member
 * @param origin PORTAL or SEF_IMPORT
 */
public record BacklogRow(
        String stage, String ageBucket, String region, String partner, String relationship, String origin, long count) {

    /** The partner of cases nobody recovered (registered through the portal). */
    public static final String NO_PARTNER = "NONE";
}
