package pt.aima.kernel.scheduling;

import java.time.LocalDateTime;
import java.util.List;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;

/**
 * The case has a biometric-collection appointment: the whole household, one consecutive slot per family member, at
 * one desk on one day, from {@code startsAt} for {@code durationMinutes}.
 *
 * <p>{@code memberIds} was added later as an <b>optional</b> field: records published before carry none and decode
 * with null ("one slot, members not named").
 *
 * @param deskId the AIMA service desk
 * @param startsAt local time at the desk (Europe/Lisbon or Atlantic/Azores, as the desk is)
 * @param durationMinutes the whole appointment: every member's slot
 * @param memberIds the family members booked, in the order of their consecutive slots; null in older records
 */
@PublishedEvent(type = "BiometricSlotAssigned", version = 1)
public record BiometricSlotAssigned(
        CaseId caseId, String deskId, LocalDateTime startsAt, int durationMinutes, List<MemberId> memberIds)
        implements SchedulingEvent {

    public BiometricSlotAssigned {
        memberIds = memberIds == null ? null : List.copyOf(memberIds);
    }

    /** An appointment described only by the facts of the first version of the event. */
    public BiometricSlotAssigned(CaseId caseId, String deskId, LocalDateTime startsAt, int durationMinutes) {
        this(caseId, deskId, startsAt, durationMinutes, null);
    }
}
