package pt.aima.kernel.application;

import java.time.LocalDate;

/**
 * One period a family member lived in one country: the fact the criminal-record rules act on (a record from every
 * country lived in for more than one year before coming to Portugal; the Portuguese record check after more than one
 * year in Portugal in the last five).
 *
 * @param country ISO 3166-1 alpha-3 code, for example {@code PRT} or {@code BRA}
 * @param from first day of the stay
 * @param to last day of the stay, or null while it continues
 */
public record ResidencePeriod(String country, LocalDate from, LocalDate to) {}
