package pt.aima.document.publishing;

import java.time.Period;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pt.aima.document.casedocuments.DocumentType;
import pt.aima.kernel.application.AddressTitle;

/**
 * The stable code (and the facts it names) of why a checklist item is required, published beside the English reason so
 * that every consumer words it in its reader's language.
 *
 * <p>The case's stored checklist keeps its reasons as the English sentences {@code ChecklistRules} wrote (stored events
 * never change), so the code is recognised from the document type and that sentence. A sentence this does not
 * recognise (a later change of wording) is published without a code: readers then get their language's generic reason,
 * never a wrong one. {@code ChecklistReasonsTest} fails when a sentence the rules write today is not recognised.
 */
final class ChecklistReasons {

    /** A reason's code and the facts it names (durations as ISO-8601 periods, countries as alpha-3 codes). */
    record Coded(String code, Map<String, String> values) {}

    private record Rule(DocumentType documentType, Pattern sentence, String code) {}

    private static final String TITLE = "(?<addressTitle>[a-z ]+)";

    private static final List<Rule> RULES = List.of(
            rule(DocumentType.SPONSOR_RESIDENCE_PERMIT, "The sponsor's residence permit.*", "SPONSOR_RESIDES_LEGALLY"),
            rule(DocumentType.PASSPORT, "A valid passport or travel document.*", "VALID_TRAVEL_DOCUMENT"),
            rule(DocumentType.PROOF_OF_LEGAL_ENTRY, "Proof of legal entry into Portugal.*", "MEMBER_IN_PORTUGAL"),
            rule(DocumentType.MARRIAGE_CERTIFICATE, "Proof of the family tie for a spouse.*", "SPOUSE_TIE"),
            rule(
                    DocumentType.PROOF_OF_UNION,
                    "Proof of the family tie for a de facto partner: documents.*",
                    "UNION_OVER_TWO_YEARS"),
            rule(
                    DocumentType.DE_FACTO_UNION_DECLARATION,
                    "Proof of the family tie for a de facto partner: the partners' declaration.*",
                    "UNION_DECLARED"),
            rule(DocumentType.BIRTH_CERTIFICATE, "Proof of the family tie for a minor child.*", "MINOR_CHILD_TIE"),
            rule(
                    DocumentType.BIRTH_CERTIFICATE,
                    "Proof of the family tie for a dependent adult child.*",
                    "DEPENDENT_ADULT_CHILD_TIE"),
            rule(
                    DocumentType.OTHER_PARENT_AUTHORISATION,
                    "The other parent does not live in Portugal.*",
                    "OTHER_PARENT_ABROAD"),
            rule(
                    DocumentType.OTHER_PARENT_AUTHORISATION,
                    "Unless the other parent lives in Portugal \\(not declared\\).*",
                    "OTHER_PARENT_RESIDENCE_NOT_DECLARED"),
            rule(DocumentType.ADOPTION_DECISION, "Proof of the family tie for an adopted child.*", "ADOPTED_CHILD_TIE"),
            rule(
                    DocumentType.INCAPACITY_PROOF,
                    "Proof of the family tie for an incapable adult child.*",
                    "INCAPABLE_ADULT_CHILD_TIE"),
            rule(
                    DocumentType.PROOF_OF_DEPENDENCE,
                    "A dependent adult child: proof of financial dependence.*",
                    "ADULT_CHILD_DEPENDENCE"),
            rule(
                    DocumentType.PROOF_OF_DEPENDENCE,
                    "Proof of the family tie for a dependent parent.*",
                    "DEPENDENT_PARENT_TIE"),
            rule(
                    DocumentType.PROOF_OF_ENROLMENT,
                    "A dependent adult child: proof of enrolment.*",
                    "ADULT_CHILD_ENROLMENT"),
            rule(
                    DocumentType.GUARDIANSHIP_DECISION,
                    "Proof of the family tie for a minor under guardianship.*",
                    "GUARDIANSHIP_TIE"),
            rule(
                    DocumentType.GUARDIANSHIP_RECOGNITION,
                    "A minor under guardianship: the certificate.*",
                    "GUARDIANSHIP_RECOGNISED"),
            rule(
                    DocumentType.ADDRESS_DECLARATION,
                    "Sworn declaration of the address of residence, stating the title under which the household lives"
                            + " there \\(" + TITLE + "\\)",
                    "ADDRESS_OF_RESIDENCE"),
            rule(
                    DocumentType.ADDRESS_DECLARATION,
                    "Sworn declaration of the address of residence, stating the title under which the household lives"
                            + " there",
                    "ADDRESS_OF_RESIDENCE"),
            rule(
                    DocumentType.LAND_REGISTRY_CERTIFICATE,
                    "The household lives there as " + TITLE + ": the land-registry certificate.*",
                    "HOME_OWNED"),
            rule(
                    DocumentType.LANDLORD_DECLARATION,
                    "The household lives there as " + TITLE + ": a declaration from the landlord.*",
                    "HOME_NOT_OWNED"),
            rule(DocumentType.MEANS_OF_SUBSISTENCE, "Proof of means of subsistence.*", "MEANS_OF_SUBSISTENCE"),
            rule(
                    DocumentType.TERM_OF_RESPONSIBILITY,
                    "Term of Responsibility \\(Model 4, version (?<model4Version>[^;]+); an older version is rejected\\).*",
                    "MODEL_4_IN_FORCE"),
            rule(
                    DocumentType.CRIMINAL_RECORD,
                    "Criminal record: required from age (?<fromAge>\\d+), from the country of nationality and any"
                            + " country lived in for more than (?<foreignStay>.+?) before coming to Portugal"
                            + "(?: \\((?<countries>[A-Z]{3}(?:, [A-Z]{3})*)\\))?",
                    "CRIMINAL_RECORD_ABROAD"),
            rule(
                    DocumentType.PORTUGUESE_CRIMINAL_RECORD_CHECK,
                    "Request that AIMA check the Portuguese criminal record: the member stayed in Portugal more than"
                            + " (?<portugueseStay>.+?) in the last (?<lookback>.+)",
                    "STAY_IN_PORTUGAL"));

    private static final List<String> VALUE_NAMES = List.of(
            "addressTitle", "model4Version", "fromAge", "foreignStay", "countries", "portugueseStay", "lookback");
    private static final List<String> DURATIONS = List.of("foreignStay", "portugueseStay", "lookback");
    private static final Pattern YEARS = Pattern.compile("(\\d+) years");

    private ChecklistReasons() {}

    /** The code of the reason, with its facts; empty when the sentence is not one the rules write. */
    static Optional<Coded> of(DocumentType documentType, String reason) {
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
            Optional<String> coded = name.equals("addressTitle")
                    ? addressTitle(value)
                    : DURATIONS.contains(name) ? duration(value) : Optional.of(value);
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

    /** A duration as the rules word it ({@code one year}, {@code 5 years}, or an ISO period) as an ISO period. */
    private static Optional<String> duration(String words) {
        if (words.equals("one year")) {
            return Optional.of("P1Y");
        }
        Matcher years = YEARS.matcher(words);
        if (years.matches()) {
            return Optional.of("P" + years.group(1) + "Y");
        }
        try {
            return Optional.of(Period.parse(words).toString());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Rule rule(DocumentType documentType, String sentence, String code) {
        return new Rule(documentType, Pattern.compile(sentence, Pattern.DOTALL), code);
    }
}
