package pt.aima.operations.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.application.DecisionDeadlinePolicy;
import pt.aima.kernel.application.DecisionDeadlinePolicy.Rule;

/**
 * The legal clock across the change of the law (three months, extendable by three, until 22 October 2025; nine,
 * extendable by nine, from 23 October 2025, as configured) and across an extension.
 */
class LegalClockTest {

    private static final LocalDate LAW_CHANGES = LocalDate.of(2025, 10, 23);
    private static final Instant EXTENDED_AT = Instant.parse("2025-12-01T10:00:00Z");

    private final LegalClock clock = new LegalClock(
            new DecisionDeadlinePolicy(List.of(new Rule(LAW_CHANGES, 9, 9), new Rule(LocalDate.of(2000, 1, 1), 3, 3))));

    @Test
    void aCaseRegisteredTheDayBeforeTheLawChangedKeepsTheOldRuleForItsWholeLife() {
        LegalDeadline deadline = clock.deadline(LAW_CHANGES.minusDays(1), null).orElseThrow();

        assertThat(deadline.rule()).isEqualTo(new Rule(LocalDate.of(2000, 1, 1), 3, 3));
        assertThat(deadline.originalDeadline()).isEqualTo(LocalDate.of(2026, 1, 22));
        assertThat(deadline.deadline()).isEqualTo(LocalDate.of(2026, 1, 22));
        assertThat(deadline.extended()).isFalse();
        // long after the new law took effect, still breached by the old rule's date
        assertThat(deadline.breachedOn(LocalDate.of(2026, 1, 23))).isTrue();
    }

    @Test
    void aCaseRegisteredOnTheDayTheLawChangedGetsTheNewRule() {
        LegalDeadline deadline = clock.deadline(LAW_CHANGES, null).orElseThrow();

        assertThat(deadline.rule().months()).isEqualTo(9);
        assertThat(deadline.deadline()).isEqualTo(LocalDate.of(2026, 7, 23));
        assertThat(deadline.breachedOn(LocalDate.of(2026, 1, 23))).isFalse();
    }

    @Test
    void anExtensionAddsTheExtensionMonthsOfTheCasesOwnRule() {
        LegalDeadline before =
                clock.deadline(LAW_CHANGES.minusDays(1), EXTENDED_AT).orElseThrow();
        LegalDeadline after = clock.deadline(LAW_CHANGES, EXTENDED_AT).orElseThrow();

        assertThat(before.extended()).isTrue();
        assertThat(before.extendedAt()).isEqualTo(EXTENDED_AT);
        assertThat(before.originalDeadline()).isEqualTo(LocalDate.of(2026, 1, 22));
        assertThat(before.deadline()).as("3 + 3 months").isEqualTo(LocalDate.of(2026, 4, 22));
        assertThat(after.originalDeadline()).isEqualTo(LocalDate.of(2026, 7, 23));
        assertThat(after.deadline()).as("9 + 9 months").isEqualTo(LocalDate.of(2027, 4, 23));
    }

    @Test
    void theWholeTermIsCountedAtOnceSoAMonthEndNeverLosesDays() {
        // 30 November + 3 months = 28 February; + 3 more counted from there would give 28 May, but the extended term
        // is 6 months from the registration: 30 May
        LegalDeadline deadline =
                clock.deadline(LocalDate.of(2024, 11, 30), EXTENDED_AT).orElseThrow();

        assertThat(deadline.originalDeadline()).isEqualTo(LocalDate.of(2025, 2, 28));
        assertThat(deadline.deadline()).isEqualTo(LocalDate.of(2025, 5, 30));
    }

    @Test
    void theDeadlineIsTheLastDayTheDecisionIsDueAndBreachedFromTheNextDay() {
        LegalDeadline deadline = clock.deadline(LAW_CHANGES.minusDays(1), null).orElseThrow();
        LocalDate last = LocalDate.of(2026, 1, 22);

        assertThat(deadline.daysLeft(last.minusDays(10))).isEqualTo(10);
        assertThat(deadline.daysLeft(last)).isZero();
        assertThat(deadline.breachedOn(last)).isFalse();
        assertThat(deadline.daysLeft(last.plusDays(1))).isEqualTo(-1);
        assertThat(deadline.breachedOn(last.plusDays(1))).isTrue();
        assertThat(deadline.lateIfDecidedOn(last)).isFalse();
        assertThat(deadline.lateIfDecidedOn(last.plusDays(1))).isTrue();
    }

    @Test
    void anExtensionUnderARuleThatAllowsNoneAddsNothing() {
        LegalClock strict =
                new LegalClock(new DecisionDeadlinePolicy(List.of(new Rule(LocalDate.of(2000, 1, 1), 6, 0))));

        LegalDeadline deadline =
                strict.deadline(LocalDate.of(2024, 3, 1), EXTENDED_AT).orElseThrow();

        assertThat(deadline.extended()).isTrue();
        assertThat(deadline.deadline()).isEqualTo(LocalDate.of(2024, 9, 1)).isEqualTo(deadline.originalDeadline());
    }

    @Test
    void aCaseRegisteredBeforeAnyRuleHasNoDeadlineToCount() {
        assertThat(clock.deadline(LocalDate.of(1999, 12, 31), null)).isEmpty();
    }
}
