package pt.aima.notification.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs the hold sweep on its schedule ({@code aima.notification.hold.sweep-interval}); tests that drive it themselves
 * turn it off with {@code aima.notification.hold.sweep-enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "aima.notification.hold.sweep-enabled", havingValue = "true", matchIfMissing = true)
class HoldSweepSchedulingConfiguration {}
