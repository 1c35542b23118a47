package pt.aima.kernel.application;

import java.time.LocalDate;
import pt.aima.kernel.ids.MemberId;

/**
 * What other services need to know of one family member: the facts the document rules and the scheduler act on.
 * Names, passport numbers and contact data stay in application-service.
 */
public record HouseholdMember(
        MemberId memberId, Relationship relationship, LocalDate dateOfBirth, boolean presentInPortugal) {}
