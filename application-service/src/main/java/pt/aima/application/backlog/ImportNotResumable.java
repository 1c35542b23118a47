package pt.aima.application.backlog;

import pt.aima.platform.domain.BusinessRuleViolation;

/** Only an interrupted import can be resumed, and only with the file it started with. */
public class ImportNotResumable extends BusinessRuleViolation {

    private ImportNotResumable(String code, String reason) {
        super(code, reason);
    }

    static ImportNotResumable completed(String importId) {
        return new ImportNotResumable("IMPORT_COMPLETED", "Import " + importId + " is already completed.");
    }

    static ImportNotResumable notInterrupted(String importId) {
        return new ImportNotResumable(
                "IMPORT_NOT_INTERRUPTED",
                "Import " + importId + " is running; only an interrupted import can be resumed.");
    }

    static ImportNotResumable anotherFile(String importId, String expected, String given) {
        return new ImportNotResumable(
                "IMPORT_FILE_DIFFERS",
                "Import " + importId + " started with the file of SHA-256 " + expected + "; this file's is " + given
                        + ". Resume it with the same file, or start a new import.");
    }
}
