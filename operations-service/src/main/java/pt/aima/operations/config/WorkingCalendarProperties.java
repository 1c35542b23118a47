package pt.aima.operations.config;

import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public holidays on which AIMA does not work, {@code aima.operations.calendar.public-holidays} (dates); every
 * other Monday to Friday is a working day. Empty: every weekday counts.
 */
@ConfigurationProperties("aima.operations.calendar")
record WorkingCalendarProperties(@DefaultValue List<LocalDate> publicHolidays) {}
