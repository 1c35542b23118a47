package pt.aima.document.casedocuments;

import java.util.Locale;
import java.util.Optional;

/** The languages AIMA writes to applicants in. */
public enum Language {
    PT,
    EN;

    /** The language's ISO 639-1 code, as {@code Content-Language} and the view name it. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The language an ISO 639-1 code (possibly with a region: {@code pt-BR}) names, if AIMA writes in it. */
    public static Optional<Language> of(String isoCode) {
        if (isoCode == null) {
            return Optional.empty();
        }
        String code = isoCode.strip().toLowerCase(Locale.ROOT);
        for (Language language : values()) {
            if (code.equals(language.code()) || code.startsWith(language.code() + "-")) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /**
     * The language for an applicant's preference: Portuguese, the language of the administration, whenever the
     * preference is missing or one AIMA does not write in.
     */
    public static Language forPreference(String isoCode) {
        return of(isoCode).orElse(PT);
    }
}
