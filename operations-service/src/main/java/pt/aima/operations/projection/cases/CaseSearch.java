package pt.aima.operations.projection.cases;

import pt.aima.operations.casefile.Stage;

/**
 * What staff search cases by: ids and facts, never free text over personal data. Every field is optional; those given
 * must all match.
 */
public record CaseSearch(String legacyNumber, String applicantId, Stage stage, String region) {}
