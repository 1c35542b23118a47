package pt.aima.operations.projection.cases;

/**
 * How long a case has waited since its original submission: an open case up to today, a decided case up to the day
 * of its decision. Each bucket takes the cases at least its lower bound old and younger than its upper bound.
 */
public enum AgeBucket {
    UNDER_3_MONTHS("0-3 months"),
    MONTHS_3_TO_6("3-6 months"),
    MONTHS_6_TO_12("6-12 months"),
    YEARS_1_TO_2("1-2 years"),
    OVER_2_YEARS("over 2 years");

    private final String label;

    AgeBucket(String label) {
        this.label = label;
    }

    /** How the API writes the bucket, e.g. {@code 3-6 months}. */
    public String label() {
        return label;
    }
}
