package pt.aima.kernel.application;

/**
 * Where a case recovered from the SEF backlog came from: the facts operations steer the recovery by (cases by
 * recovering partner, a case found by its SEF number). Organisations only, no person.
 *
 * @param legacyNumber the SEF case number, e.g. {@code SEF-RF-2021-004512}
 * @param partnerType who recovered it: {@code CLAIM}, {@code MUNICIPALITY} or {@code PROFESSIONAL_ASSOCIATION}
 * @param partnerName the partner organisation, e.g. {@code Câmara Municipal de Braga}
 */
public record LegacyProvenance(String legacyNumber, String partnerType, String partnerName) {}
