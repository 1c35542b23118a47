package pt.aima.document.casedocuments;

import java.time.Period;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pt.aima.kernel.application.AddressTitle;

/**
 * Reads the code of a reason (and the facts it names) back from the English sentence of an item stored before the rules
 * gave every item its code: checklists opened then keep their sentences in their events, which never change. Only the
 * document type and the sentence are known, so the sentence is matched against the ways the rules have worded each
 * reason (the beginning of a sentence, where the rules once worded more after it). A sentence this does not recognise
 * stays without a code: readers then get their language's generic reason, never a wrong one. {@code
 * ChecklistReasonCodesTest} fails when a sentence the rules write today is not read back as its own code and facts.
 */
final class StoredReasonSentences {

    /** A reason's code and the facts it names (durations as ISO-8601 periods, countries as alpha-3 codes). */
    record Coded(ChecklistReason code, Map<String, String> values) {}

    private record Rule(DocumentType documentType, Pattern sentence, ChecklistReason code) {}

    private static final String TITLE = "(?<addressTitle>[a-z ]+)";

    private static final List<Rule> RULES = List.of(
            rule(
                    DocumentType.SPONSOR_RESIDENCE_PERMIT,
                    "The sponsor's residence permit.*",
                    ChecklistReason.SPONSOR_RESIDES_LEGALLY),
            rule(DocumentType.PASSPORT, "A valid passport or travel document.*", ChecklistReason.VALID_TRAVEL_DOCUMENT),
            rule(
                    DocumentType.PROOF_OF_LEGAL_ENTRY,
                    "Proof of legal entry into Portugal.*",
                    ChecklistReason.MEMBER_IN_PORTUGAL),
            rule(
                    DocumentType.MARRIAGE_CERTIFICATE,
                    "Proof of the family tie for a spouse.*",
                    ChecklistReason.SPOUSE_TIE),
            rule(
                    DocumentType.PROOF_OF_UNION,
                    "Proof of the family tie for a de facto partner: documents.*",
                    ChecklistReason.UNION_OVER_TWO_YEARS),
            rule(
                    DocumentType.DE_FACTO_UNION_DECLARATION,
                    "Proof of the family tie for a de facto partner: the partners' declaration.*",
                    ChecklistReason.UNION_DECLARED),
            rule(
                    DocumentType.BIRTH_CERTIFICATE,
                    "Proof of the family tie for a minor child.*",
                    ChecklistReason.MINOR_CHILD_TIE),
            rule(
                    DocumentType.BIRTH_CERTIFICATE,
                    "Proof of the family tie for a dependent adult child.*",
                    ChecklistReason.DEPENDENT_ADULT_CHILD_TIE),
            rule(
                    DocumentType.OTHER_PARENT_AUTHORISATION,
                    "The other parent does not live in Portugal.*",
                    ChecklistReason.OTHER_PARENT_ABROAD),
            rule(
                    DocumentType.OTHER_PARENT_AUTHORISATION,
                    "Unless the other parent lives in Portugal \\(not declared\\).*",
                    ChecklistReason.OTHER_PARENT_RESIDENCE_NOT_DECLARED),
            rule(
                    DocumentType.ADOPTION_DECISION,
                    "Proof of the family tie for an adopted child.*",
                    ChecklistReason.ADOPTED_CHILD_TIE),
            rule(
                    DocumentType.INCAPACITY_PROOF,
                    "Proof of the family tie for an incapable adult child.*",
                    ChecklistReason.INCAPABLE_ADULT_CHILD_TIE),
            rule(
                    DocumentType.PROOF_OF_DEPENDENCE,
                    "A dependent adult child: proof of financial dependence.*",
                    ChecklistReason.ADULT_CHILD_DEPENDENCE),
            rule(
                    DocumentType.PROOF_OF_DEPENDENCE,
                    "Proof of the family tie for a dependent parent.*",
                    ChecklistReason.DEPENDENT_PARENT_TIE),
            rule(
                    DocumentType.PROOF_OF_ENROLMENT,
                    "A dependent adult child: proof of enrolment.*",
                    ChecklistReason.ADULT_CHILD_ENROLMENT),
            rule(
                    DocumentType.GUARDIANSHIP_DECISION,
                    "Proof of the family tie for a minor under guardianship.*",
                    ChecklistReason.GUARDIANSHIP_TIE),
            rule(
                    DocumentType.GUARDIANSHIP_RECOGNITION,
                    "A minor under guardianship: the certificate.*",
                    ChecklistReason.GUARDIANSHIP_RECOGNISED),
            rule(
                    DocumentType.ADDRESS_DECLARATION,
                    "Sworn declaration of the address of residence, stating the title under which the household lives"
                            + " there \\(" + TITLE + "\\)",
                    ChecklistReason.ADDRESS_OF_RESIDENCE),
            rule(
                    DocumentType.ADDRESS_DECLARATION,
                    "Sworn declaration of the address of residence, stating the title under which the household lives"
                            + " there",
                    ChecklistReason.ADDRESS_OF_RESIDENCE),
            rule(
                    DocumentType.LAND_REGISTRY_CERTIFICATE,
                    "The household lives there as " + TITLE + ": the land-registry certificate.*",
                    ChecklistReason.HOME_OWNED),
            rule(
                    DocumentType.LANDLORD_DECLARATION,
                    "The household lives there as " + TITLE + ": a declaration from the landlord.*",
                    ChecklistReason.HOME_NOT_OWNED),
            rule(
                    DocumentType.MEANS_OF_SUBSISTENCE,
                    "Proof of means of subsistence.*",
                    ChecklistReason.MEANS_OF_SUBSISTENCE),
            rule(
                    DocumentType.TERM_OF_RESPONSIBILITY,
                    "Term of Responsibility \\(Model 4, version (?<model4Version>[^;]+); an older version is rejected\\).*",
                    ChecklistReason.MODEL_4_IN_FORCE),
            rule(
                    DocumentType.CRIMINAL_RECORD,
                    "Criminal record: required from age (?<fromAge>\\d+), from the country of nationality and any"
                            + " country lived in for more than (?<foreignStay>.+?) before coming to Portugal"
                            + "(?: \\((?<countries>[A-Z]{3}(?:, [A-Z]{3})*)\\))?",
                    ChecklistReason.CRIMINAL_RECORD_ABROAD),
            rule(
                    DocumentType.PORTUGUESE_CRIMINAL_RECORD_CHECK,
                    "Request that AIMA check the Portuguese criminal record: the member stayed in Portugal more than"
                            + " (?<portugueseStay>.+?) in the last (?<lookback>.+)",
                    ChecklistReason.STAY_IN_PORTUGAL));

    private static final List<String> VALUE_NAMES = List.of(
            ChecklistReason.ADDRESS_TITLE,
            ChecklistReason.MODEL_4_VERSION,
            ChecklistReason.FROM_AGE,
            ChecklistReason.FOREIGN_STAY,
            ChecklistReason.COUNTRIES,
            ChecklistReason.PORTUGUESE_STAY,
            ChecklistReason.LOOKBACK);
    private static final Pattern AMOUNT = Pattern.compile("(one|\\d+) (year|month|day)s?");

    private StoredReasonSentences() {}

    /** The code of the reason, with its facts; empty when the sentence is not one the rules write. */
    static Optional<Coded> recognise(DocumentType documentType, String reason) {
        if (reason == null) {
            return Optional.empty();
        }
        for (Rule rule : RULES) {
            if (rule.documentType() != documentType) {
                continue;
            }
            Matcher matcher = rule.sentence().matcher(reason);
            if (matcher.matches()) {
                return values(matcher).map(values -> new Coded(rule.code(), values));
            }
        }
        return Optional.empty();
    }

    private static Optional<Map<String, String>> values(Matcher matcher) {
        Map<String, String> values = new HashMap<>();
        for (String name : VALUE_NAMES) {
            if (!matcher.pattern().pattern().contains("(?<" + name + ">")) {
                continue;
            }
            String value = matcher.group(name);
            if (value == null) {
                continue;
            }
            Optional<String> coded = name.equals(ChecklistReason.ADDRESS_TITLE)
                    ? addressTitle(value)
                    : ChecklistReason.DURATIONS.contains(name) ? duration(value) : Optional.of(value);
            if (coded.isEmpty()) {
                return Optional.empty();
            }
            values.put(name, coded.get());
        }
        return Optional.of(values);
    }

    /** The title as the rules word it ({@code other accommodation}) back to its code. */
    private static Optional<String> addressTitle(String words) {
        String code = words.strip().toUpperCase(Locale.ROOT).replace(' ', '_');
        return Arrays.stream(AddressTitle.values())
                .map(AddressTitle::name)
                .filter(code::equals)
                .findFirst();
    }

    /**
     * A duration as the rules word it ({@code one year}, {@code 5 years}, {@code 1 year and 6 months}, or, before they
     * worded months and days, an ISO period) as an ISO period.
     */
    private static Optional<String> duration(String words) {
        try {
            return Optional.of(Period.parse(words).toString());
        } catch (RuntimeException notIso) {
            // worded
        }
        int years = 0;
        int months = 0;
        int days = 0;
        for (String part : words.split(", | and ")) {
            Matcher amount = AMOUNT.matcher(part.strip());
            if (!amount.matches()) {
                return Optional.empty();
            }
            int n = amount.group(1).equals("one") ? 1 : Integer.parseInt(amount.group(1));
            switch (amount.group(2)) {
                case "year" -> years = n;
                case "month" -> months = n;
                default -> days = n;
            }
        }
        return Optional.of(Period.of(years, months, days).toString());
    }

    private static Rule rule(DocumentType documentType, String sentence, ChecklistReason code) {
        return new Rule(documentType, Pattern.compile(sentence, Pattern.DOTALL), code);
    }
}
