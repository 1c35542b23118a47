package pt.aima.document.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs the evidence-deadline poller on its schedule ({@code aima.documents.evidence.poll-interval}); tests that drive
 * it with their own date turn it off with {@code aima.documents.evidence.poller-enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "aima.documents.evidence.poller-enabled", havingValue = "true", matchIfMissing = true)
class EvidenceSchedulingConfiguration {}
