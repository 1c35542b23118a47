package pt.aima.operations.casefile;

/** How a case came to AIMA. */
public enum Origin {
    /** Registered by the applicant (or someone acting for them) through the online portal. */
    PORTAL,
    /** Recovered from the SEF backlog by a partner and imported. */
    SEF_IMPORT
}
