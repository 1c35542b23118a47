package pt.aima.application.process.backlogimport;

/** An upload over the configured limit ({@code aima.imports.max-upload-size}): nothing was recorded. */
public class ImportTooLarge extends RuntimeException {

    private final long limitBytes;

    ImportTooLarge(long limitBytes, String what) {
        super(what + "; the limit is " + limitBytes + " bytes (aima.imports.max-upload-size): split the file and"
                + " import the parts");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
