package pt.aima.kernel.application;

/**
 * The title under which the household lives at its declared address; it decides which address proof is required
 * (owner or usufructuary: land-registry certificate; tenant and the like: a declaration from the landlord or the
 * accommodation entity).
 */
public enum AddressTitle {
    OWNER,
    USUFRUCTUARY,
    TENANT,
    SUBTENANT,
    BORROWER,
    OTHER_ACCOMMODATION
}
