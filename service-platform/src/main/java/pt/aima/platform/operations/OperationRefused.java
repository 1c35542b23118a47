package pt.aima.platform.operations;

import pt.aima.platform.domain.BusinessRuleViolation;

/** An operator's action the entry's state does not allow (409 with the rule): e.g. a retry of an entry retried. */
public class OperationRefused extends BusinessRuleViolation {

    public OperationRefused(String code, String reason) {
        super(code, reason);
    }
}
