package pt.aima.kernel.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.application.DecisionDeadlinePolicy.Rule;

class DecisionDeadlinePolicyTest {

    /** Lei 61/2025 took effect on 23 October 2025. */
    private static final LocalDate LEI_61_2025 = LocalDate.of(2025, 10, 23);

    /** Three months extendable once by three until Lei 61/2025, nine after it (listed out of order on purpose). */
    private final DecisionDeadlinePolicy policy =
            new DecisionDeadlinePolicy(List.of(new Rule(LEI_61_2025, 9, 9), new Rule(LocalDate.of(2000, 1, 1), 3, 3)));

    @Test
    void aCaseRegisteredBeforeTheChangeHasThreeMonthsAndSixOnceExtended() {
        LocalDate submitted = LocalDate.of(2025, 10, 22);

        assertThat(policy.deadline(submitted, false)).isEqualTo(LocalDate.of(2026, 1, 22));
        assertThat(policy.deadline(submitted, true)).isEqualTo(LocalDate.of(2026, 4, 22));
    }

    @Test
    void aCaseRegisteredOnTheDayOfTheChangeHasNineMonths() {
        assertThat(policy.deadline(LEI_61_2025, false)).isEqualTo(LocalDate.of(2026, 7, 23));
        assertThat(policy.deadline(LEI_61_2025, true)).isEqualTo(LocalDate.of(2027, 4, 23));
        assertThat(policy.ruleFor(LEI_61_2025).months()).isEqualTo(9);
        assertThat(policy.ruleFor(LEI_61_2025.minusDays(1)).months()).isEqualTo(3);
    }

    @Test
    void aCaseKeepsTheRuleOfItsRegistrationDateWhateverIsInForceLater() {
        // an old backlog case is judged by the rule of its original submission, not today's
        LocalDate legacy = LocalDate.of(2021, 3, 14);

        assertThat(policy.deadline(legacy, false)).isEqualTo(LocalDate.of(2021, 6, 14));
    }

    @Test
    void theTermIsCountedWholeFromTheRegistrationSoMonthEndsDoNotShortenAnExtension() {
        LocalDate endOfNovember = LocalDate.of(2024, 11, 30);

        // three months end on the last day of February; three more end on 30 May, not 28 May
        assertThat(policy.deadline(endOfNovember, false)).isEqualTo(LocalDate.of(2025, 2, 28));
        assertThat(policy.deadline(endOfNovember, true)).isEqualTo(LocalDate.of(2025, 5, 30));
    }

    @Test
    void aRuleWithoutExtensionAddsNothingAndSaysSo() {
        DecisionDeadlinePolicy strict = new DecisionDeadlinePolicy(List.of(new Rule(LocalDate.of(2000, 1, 1), 9, 0)));
        LocalDate submitted = LocalDate.of(2026, 1, 31);

        assertThat(strict.allowsExtension(submitted)).isFalse();
        assertThat(policy.allowsExtension(submitted)).isTrue();
        assertThat(strict.deadline(submitted, true)).isEqualTo(strict.deadline(submitted, false));
    }

    @Test
    void refusesADateNoRuleCoversAndAnInconsistentPolicy() {
        assertThatThrownBy(() -> policy.ruleFor(LocalDate.of(1999, 12, 31)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2000-01-01");
        assertThatThrownBy(() -> new DecisionDeadlinePolicy(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        new DecisionDeadlinePolicy(List.of(new Rule(LEI_61_2025, 9, 0), new Rule(LEI_61_2025, 6, 0))))
                .hasMessageContaining("2025-10-23");
        assertThatThrownBy(() -> new Rule(LEI_61_2025, 0, 3)).hasMessageContaining("months must be positive");
        assertThatThrownBy(() -> new Rule(LEI_61_2025, 9, -1)).hasMessageContaining("extension-months");
    }
}
