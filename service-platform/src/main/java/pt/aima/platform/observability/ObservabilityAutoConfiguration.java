package pt.aima.platform.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * One trace per case across the services, and the meters Prometheus scrapes. Runs after Boot's meter registries and
 * tracer and before Axon's Micrometer auto-configuration, so Axon's message monitors land in the same (Prometheus)
 * registry instead of a registry of Axon's own.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration"
        },
        beforeName = "org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration")
public class ObservabilityAutoConfiguration {

    @Bean
    CaseTracing caseTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer available = tracer.getIfAvailable();
        Propagator propagation = propagator.getIfAvailable();
        return available == null || propagation == null ? CaseTracing.none() : new CaseTracing(available, propagation);
    }

    @Bean
    ObservationFilter caseObservationFilter(ObjectProvider<Tracer> tracer) {
        Tracer available = tracer.getIfAvailable();
        return available == null ? context -> context : new CaseObservationFilter(available);
    }

    /**
     * Axon's message monitors on meters registered once per payload type ({@link MessageMonitors}); Axon's own module
     * backs off, since this bean has its type.
     */
    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnProperty(value = "axon.metrics.auto-configuration.enabled", matchIfMissing = true)
    MetricsConfigurerModule axonMessageMonitors(MeterRegistry meters) {
        return new MessageMonitors(meters).configurerModule();
    }

    @Bean
    TraceContextCorrelationProvider traceContextCorrelationProvider(CaseTracing tracing) {
        return new TraceContextCorrelationProvider(tracing);
    }

    /** Every event processor of the service handles each event in a span continuing the event's stored trace. */
    @Bean
    ConfigurerModule eventHandlerTracing(CaseTracing tracing) {
        return configurer -> configurer
                .eventProcessing()
                .registerDefaultHandlerInterceptor(
                        (configuration, processor) -> new EventHandlerTracing(tracing, processor));
    }

    @Bean
    WebMvcConfigurer caseRequestTracing(CaseTracing tracing) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new CaseRequestTracing(tracing));
            }
        };
    }
}
