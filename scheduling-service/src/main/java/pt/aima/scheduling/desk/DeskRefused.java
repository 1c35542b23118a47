package pt.aima.scheduling.desk;

import pt.aima.kernel.application.Region;
import pt.aima.platform.domain.BusinessRuleViolation;

/** A change to a desk that the rules do not allow (HTTP 409 with the rule's code). */
public class DeskRefused extends BusinessRuleViolation {

    private DeskRefused(String code, String reason) {
        super(code, reason);
    }

    static DeskRefused regionRequired() {
        return new DeskRefused("DESK_REGION_REQUIRED", "A new desk names the region it serves.");
    }

    static DeskRefused regionFixed(Region region) {
        return new DeskRefused(
                "DESK_REGION_FIXED",
                "The desk serves " + region + "; a desk does not move to another region (define a new desk there).");
    }
}
