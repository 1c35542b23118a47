package pt.aima.backlog.format;

import org.apache.commons.csv.CSVFormat;

/**
 * The CSV dialect of a legacy SEF case file ({@code docs/legacy-case-format.md}): RFC 4180 (comma-separated, a field
 * holding a comma, a double quote or a line break is enclosed in double quotes, a double quote inside it is written
 * twice), records ended by {@code \n}. One definition for the generator that writes files and the import that reads
 * them.
 */
public final class LegacyCsv {

    /** How files are written: quotes only where a field needs them. */
    public static final CSVFormat WRITE =
            CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    /**
     * How files are read: the same dialect, and blanks around a field (also around a quoted one) are not part of it.
     * Empty lines are kept, so that the reader sees them and counts them.
     */
    public static final CSVFormat READ = CSVFormat.RFC4180
            .builder()
            .setRecordSeparator('\n')
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(false)
            .get();

    private LegacyCsv() {}
}
