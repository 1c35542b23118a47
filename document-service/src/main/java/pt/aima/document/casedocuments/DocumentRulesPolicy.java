package pt.aima.document.casedocuments;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The document rules in force from one date on (configuration, never constants: {@code
 * aima.documents.policies[n].*}). A case is judged by the version in force on its registration date; see {@link
 * PolicyCalendar}.
 *
 * @param effectiveFrom the first registration date this version applies to
 * @param model4Version the version of the Term of Responsibility (Model 4) accepted; older versions are rejected
 * @param maxSizeBytes the largest accepted uploaded copy
 * @param acceptedMediaTypes the media types an uploaded copy may have, without parameters
 * @param criminalRecordFromAge members younger than this on the registration date need no criminal record
 * @param foreignStayForCriminalRecord a criminal record is asked from every country (other than Portugal) lived in for
 *     more than this
 * @param portugueseStayForRecordCheck the Portuguese record check is asked when the member stayed in Portugal more
 *     than this ...
 * @param portugueseStayLookback ... within this period before the registration date
 * @param evidenceReminderBefore how long before an evidence request's deadline the applicant is reminded
 * @param aimaEvidenceResponseTime how long AIMA gives itself to verify evidence once it arrived
 */
public record DocumentRulesPolicy(
        LocalDate effectiveFrom,
        String model4Version,
        long maxSizeBytes,
        List<String> acceptedMediaTypes,
        int criminalRecordFromAge,
        Period foreignStayForCriminalRecord,
        Period portugueseStayForRecordCheck,
        Period portugueseStayLookback,
        Period evidenceReminderBefore,
        Period aimaEvidenceResponseTime) {

    public DocumentRulesPolicy {
        Objects.requireNonNull(effectiveFrom, "effective-from");
        require(model4Version != null && !model4Version.isBlank(), "model4-version must be set", effectiveFrom);
        require(maxSizeBytes > 0, "max-size-bytes must be positive", effectiveFrom);
        require(
                acceptedMediaTypes != null && !acceptedMediaTypes.isEmpty(),
                "accepted-media-types must name at least one type",
                effectiveFrom);
        require(criminalRecordFromAge >= 0, "criminal-record-from-age must not be negative", effectiveFrom);
        for (Period period : new Period[] {
            foreignStayForCriminalRecord,
            portugueseStayForRecordCheck,
            portugueseStayLookback,
            evidenceReminderBefore,
            aimaEvidenceResponseTime
        }) {
            require(period != null && !period.isNegative(), "every period must be set and not negative", effectiveFrom);
        }
        acceptedMediaTypes = acceptedMediaTypes.stream()
                .map(type -> type.trim().toLowerCase(Locale.ROOT))
                .toList();
    }

    public boolean accepts(String mediaType) {
        return acceptedMediaTypes.contains(mediaType);
    }

    private static void require(boolean condition, String message, LocalDate effectiveFrom) {
        if (!condition) {
            throw new IllegalArgumentException("document policy from " + effectiveFrom + ": " + message);
        }
    }
}
