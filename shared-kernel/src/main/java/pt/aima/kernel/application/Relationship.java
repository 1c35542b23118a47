package pt.aima.kernel.application;

/** A family member's relationship to the sponsor, as Lei 23/2007 (art. 99) defines who may be reunified. */
public enum Relationship {
    SPOUSE,
    DE_FACTO_PARTNER,
    MINOR_CHILD,
    ADOPTED_MINOR_CHILD,
    INCAPABLE_ADULT_CHILD,
    DEPENDENT_ADULT_CHILD,
    DEPENDENT_PARENT,
    MINOR_SIBLING_UNDER_GUARDIANSHIP
}
