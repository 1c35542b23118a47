package pt.aima.kernel.application;

import java.time.LocalDate;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;

/**
 * Staff recorded a new end date of a family member's current lawful stay in Portugal (a visa, a stay extension): it
 * replaces the one given at registration ({@link HouseholdMember#stayEndsOn()}) or by an earlier update. A case whose
 * member's stay ends while it waits is flagged to operations.
 *
 * @param stayEndsOn the last day of the member's current lawful stay
 */
@PublishedEvent(type = "MemberStayUpdated", version = 1)
public record MemberStayUpdated(CaseId caseId, MemberId memberId, LocalDate stayEndsOn) implements ApplicationEvent {}
