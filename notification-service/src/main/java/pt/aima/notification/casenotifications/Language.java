package pt.aima.notification.casenotifications;

import java.util.Locale;

/** The languages AIMA writes to applicants in. */
public enum Language {
    PT(Locale.of("pt")),
    EN(Locale.ENGLISH);

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    /**
     * The language for an applicant's preference (an ISO 639-1 code, possibly with a region). Portuguese, the language
     * of the administration, whenever the preference is missing or one AIMA does not write in.
     */
    public static Language forPreference(String isoCode) {
        if (isoCode != null && isoCode.strip().toLowerCase(Locale.ROOT).startsWith("en")) {
            return EN;
        }
        return PT;
    }

    public Locale locale() {
        return locale;
    }
}
