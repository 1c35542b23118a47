package pt.aima.operations.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.MemberStayUpdated;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.operations.ScriptedHistory.Published;
import pt.aima.operations.casefile.CaseFile.Member;

/**
 * The end of each member's lawful stay: given at registration (optional), replaced by staff's later updates, in
 * whatever order the events arrive.
 */
class CaseFileStayTest {

    private static final CaseId CASE = CaseId.of("7b1c2e0a-0000-4000-8000-0000000000a1");
    private static final MemberId SPOUSE = new MemberId(UUID.fromString("7b1c2e0a-0000-4000-8000-0000000000b1"));
    private static final MemberId CHILD = new MemberId(UUID.fromString("7b1c2e0a-0000-4000-8000-0000000000b2"));
    private static final Instant T0 = Instant.parse("2026-10-01T09:00:00Z");

    private static Published at(long minutes, String id, IntegrationEvent event) {
        return new Published(
                Topics.APPLICATION_EVENTS,
                EventEnvelope.wrap(
                        UUID.nameUUIDFromBytes(id.getBytes()),
                        T0.plusSeconds(60 * minutes),
                        Actor.system("test"),
                        "corr",
                        id,
                        event));
    }

    private static Published registered(LocalDate spouseStayEndsOn) {
        return at(
                0,
                "registered",
                new ApplicationRegistered(
                        CASE,
                        "applicant-stay",
                        LocalDate.of(2026, 10, 1),
                        List.of(
                                new HouseholdMember(
                                        SPOUSE,
                                        Relationship.SPOUSE,
                                        LocalDate.of(1990, 1, 1),
                                        true,
                                        null,
                                        null,
                                        null,
                                        null,
                                        spouseStayEndsOn),
                                new HouseholdMember(CHILD, Relationship.MINOR_CHILD, LocalDate.of(2016, 1, 1), true)),
                        "pt",
                        null,
                        Region.LISBOA));
    }

    private static List<Member> members(Published... arrivals) {
        InMemoryArchive archive = new InMemoryArchive();
        for (Published published : arrivals) {
            archive.receive(published);
        }
        return CaseFile.fold(archive.historyOf(CASE.value())).registration().members();
    }

    @Test
    void theRegistrationGivesEachMembersEndOfStayWhenKnown() {
        assertThat(members(registered(LocalDate.of(2026, 12, 15))))
                .extracting(Member::stayEndsOn)
                .containsExactly(LocalDate.of(2026, 12, 15), null);
    }

    @Test
    void staffsLatestUpdateReplacesTheRegistrationsWhateverTheArrivalOrder() {
        Published first = at(10, "stay-1", new MemberStayUpdated(CASE, SPOUSE, LocalDate.of(2027, 3, 1)));
        Published second = at(20, "stay-2", new MemberStayUpdated(CASE, SPOUSE, LocalDate.of(2027, 9, 1)));
        Published child = at(30, "stay-3", new MemberStayUpdated(CASE, CHILD, LocalDate.of(2027, 1, 31)));
        Published registration = registered(LocalDate.of(2026, 12, 15));

        List<Member> inOrder = members(registration, first, second, child);
        assertThat(inOrder)
                .extracting(Member::stayEndsOn)
                .containsExactly(LocalDate.of(2027, 9, 1), LocalDate.of(2027, 1, 31));
        assertThat(members(child, second, first, registration)).isEqualTo(inOrder);
        assertThat(members(second, registration, child, first, second)).isEqualTo(inOrder);
    }

    @Test
    void anUpdateForAMemberTheCaseDoesNotNameChangesNothing() {
        Published stranger = at(
                10, "stranger", new MemberStayUpdated(CASE, new MemberId(UUID.randomUUID()), LocalDate.of(2027, 1, 1)));

        assertThat(members(registered(null), stranger))
                .extracting(Member::memberId)
                .containsExactly(SPOUSE.value(), CHILD.value());
        assertThat(members(registered(null), stranger))
                .extracting(Member::stayEndsOn)
                .containsOnlyNulls();
    }
}
