package pt.aima.document.casedocuments;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/** The policy the unit tests judge cases by, as configured in application.yml, plus variations of it. */
final class TestPolicies {

    static final LocalDate EFFECTIVE_FROM = LocalDate.of(2000, 1, 1);

    private TestPolicies() {}

    static DocumentRulesPolicy policy(LocalDate effectiveFrom, String model4Version, int criminalRecordFromAge) {
        return new DocumentRulesPolicy(
                effectiveFrom,
                model4Version,
                1_048_576,
                List.of("application/pdf", "image/jpeg", "image/png"),
                criminalRecordFromAge,
                Period.ofYears(1),
                Period.ofYears(1),
                Period.ofYears(5),
                Period.ofDays(7),
                Period.ofDays(15));
    }

    static PolicyCalendar calendar() {
        return new PolicyCalendar(List.of(policy(EFFECTIVE_FROM, "2024", 16)));
    }

    static ChecklistRules rules() {
        return new ChecklistRules(calendar());
    }
}
