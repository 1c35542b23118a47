package pt.aima.document.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import pt.aima.document.casedocuments.DocumentRulesPolicy;

/**
 * The document policies with their effective dates, {@code aima.documents.policies[n].*}: {@code effective-from},
 * {@code model4-version}, {@code max-size-bytes}, {@code accepted-media-types}, {@code criminal-record-from-age},
 * {@code foreign-stay-for-criminal-record}, {@code portuguese-stay-for-record-check}, {@code
 * portuguese-stay-lookback}, {@code evidence-reminder-before}, {@code aima-evidence-response-time} (periods in ISO
 * form, e.g. {@code P1Y}, {@code P5Y}, {@code P7D}). A new policy is a new entry with a later effective date; entries
 * are never edited once in force, so a case stays judged by the policy of its registration date.
 */
@ConfigurationProperties("aima.documents")
record DocumentPoliciesProperties(List<DocumentRulesPolicy> policies) {}
