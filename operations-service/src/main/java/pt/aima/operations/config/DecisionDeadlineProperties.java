package pt.aima.operations.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import pt.aima.kernel.application.DecisionDeadlinePolicy;

/**
 * The legal decision deadline policy with its effective dates, {@code aima.deadlines.policies[n].*}: {@code
 * effective-from}, {@code months}, {@code extension-months} (0: no extension). The same properties application-service
 * reads, so one configuration counts the same deadline in both. <b>(policy)</b> A case keeps the entry in force on its
 * registration date; a change of the law is a new entry with a later effective date, never an edit of one in force.
 */
@ConfigurationProperties("aima.deadlines")
record DecisionDeadlineProperties(List<DecisionDeadlinePolicy.Rule> policies) {}
