package pt.aima.operations.web;

/** Reads a whole-number query parameter within bounds, refusing anything else by the parameter's name (HTTP 400). */
final class WholeNumber {

    private WholeNumber() {}

    /**
     * @param value the parameter as given, or null when absent
     * @param otherwise the value when absent
     */
    static int read(String name, String value, int min, int max, int otherwise) {
        if (value == null) {
            return otherwise;
        }
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw InvalidRequest.of(
                    name, "must be a whole number from " + min + " to " + max + ", not '" + value + "'");
        }
        if (n < min || n > max) {
            throw InvalidRequest.of(name, "must be from " + min + " to " + max + ", not " + n);
        }
        return n;
    }
}
