package pt.aima.document.casedocuments;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * The document policies with their effective dates: which one judges a case is decided by the case's registration
 * date, so a policy change applies to cases registered from its date on and never to cases already registered.
 */
public class PolicyCalendar {

    private final List<DocumentRulesPolicy> versions;

    public PolicyCalendar(List<DocumentRulesPolicy> versions) {
        if (versions == null || versions.isEmpty()) {
            throw new IllegalArgumentException("aima.documents.policies must name at least one policy");
        }
        this.versions = versions.stream()
                .sorted(Comparator.comparing(DocumentRulesPolicy::effectiveFrom))
                .toList();
        for (int i = 1; i < this.versions.size(); i++) {
            if (this.versions
                    .get(i)
                    .effectiveFrom()
                    .equals(this.versions.get(i - 1).effectiveFrom())) {
                throw new IllegalArgumentException("two document policies take effect on "
                        + this.versions.get(i).effectiveFrom());
            }
        }
    }

    /**
     * The policy in force on {@code date}: the latest one effective on or before it.
     *
     * @throws IllegalStateException no configured policy was in force yet on that date
     */
    public DocumentRulesPolicy inForceOn(LocalDate date) {
        DocumentRulesPolicy inForce = null;
        for (DocumentRulesPolicy version : versions) {
            if (!version.effectiveFrom().isAfter(date)) {
                inForce = version;
            }
        }
        if (inForce == null) {
            throw new IllegalStateException("no document policy was in force on " + date
                    + "; the earliest takes effect on " + versions.getFirst().effectiveFrom());
        }
        return inForce;
    }
}
