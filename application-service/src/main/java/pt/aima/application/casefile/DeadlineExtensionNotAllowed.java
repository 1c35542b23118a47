package pt.aima.application.casefile;

import java.time.LocalDate;
import pt.aima.platform.domain.BusinessRuleViolation;

/**
 * The legal decision deadline may be extended once, for the complexity of the case, while the case is undecided and
 * its deadline still runs (Lei 23/2007, art. 105): an extension cannot revive a deadline that has passed, and only a
 * rule of the deadline policy that provides one allows it.
 */
public class DeadlineExtensionNotAllowed extends BusinessRuleViolation {

    private DeadlineExtensionNotAllowed(String code, String reason) {
        super(code, reason);
    }

    static DeadlineExtensionNotAllowed alreadyDecided() {
        return new DeadlineExtensionNotAllowed(
                "DEADLINE_EXTENSION_AFTER_DECISION",
                "The case has already been decided: its decision deadline can no longer be extended.");
    }

    static DeadlineExtensionNotAllowed alreadyExtended(LocalDate decideBy) {
        return new DeadlineExtensionNotAllowed(
                "DEADLINE_ALREADY_EXTENDED",
                "The decision deadline may be extended only once; it was extended already, to " + decideBy + ".");
    }

    /** The staff's reason would be personal data of an applicant whose data was erased: nothing is recorded. */
    static DeadlineExtensionNotAllowed personalDataErased() {
        return new DeadlineExtensionNotAllowed(
                "PERSONAL_DATA_ERASED",
                "The applicant's personal data in this case was erased; its deadline is no longer extended.");
    }

    static DeadlineExtensionNotAllowed notProvided(LocalDate submittedOn) {
        return new DeadlineExtensionNotAllowed(
                "DEADLINE_EXTENSION_NOT_PROVIDED",
                "The decision deadline rule in force on the registration date " + submittedOn
                        + " provides no extension.");
    }

    static DeadlineExtensionNotAllowed deadlinePassed(LocalDate deadline) {
        return new DeadlineExtensionNotAllowed(
                "DEADLINE_ALREADY_PASSED",
                "The decision deadline ended on " + deadline + ": it can be extended only while it runs.");
    }
}
