package pt.aima.platform;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration;
import org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.kernel.Topics;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.acting.ActingContextCorrelationProvider;
import pt.aima.platform.acting.CurrentActingContext;
import pt.aima.platform.audit.CaseHistoryController;
import pt.aima.platform.eventstore.PostgresEventStorage;
import pt.aima.platform.inbox.DeadLetterErrorHandlerFactory;
import pt.aima.platform.inbox.InboundEvents;
import pt.aima.platform.observability.CaseTracing;
import pt.aima.platform.relay.IntegrationEventTranslator;
import pt.aima.platform.relay.KafkaEventRelay;
import pt.aima.platform.security.PlatformSecurity;
import pt.aima.platform.web.CorrelationIdFilter;
import pt.aima.platform.web.ProblemDetailsAdvice;
import pt.aima.platform.web.RequestActingContext;

/** Wires the platform's mechanisms into a service; the service brings its domain, translator and listeners. */
@AutoConfiguration(before = {ObjectMapperAutoConfiguration.class, JpaEventStoreAutoConfiguration.class})
@EnableConfigurationProperties(PlatformProperties.class)
@EnableMethodSecurity
public class PlatformAutoConfiguration {

    /** Dates of the domain (submission dates, appointment days) are dates in mainland Portugal. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.system(ZoneId.of("Europe/Lisbon"));
    }

    /**
     * Axon's own Jackson 2 mapper for events, snapshots and tokens: reads and writes fields directly, so aggregates
     * snapshot without getters, and tolerates fields it does not know (upcasters handle real schema changes).
     */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .findAndRegisterModules()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** The event store through plain JDBC on the Flyway schema (see {@link PostgresEventStorage}). */
    @Bean
    @ConditionalOnMissingBean
    EventStorageEngine eventStorageEngine(
            DataSource dataSource,
            TransactionManager axonTransactionManager,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Serializer serializer,
            org.axonframework.config.Configuration axon) {
        return PostgresEventStorage.engine(
                dataSource,
                axonTransactionManager,
                eventSerializer,
                serializer,
                axon.upcasterChain(),
                axon.snapshotFilter());
    }

    @Bean
    ActingContextCorrelationProvider actingContextCorrelationProvider() {
        return new ActingContextCorrelationProvider();
    }

    @Bean
    IntegrationEventCodec integrationEventCodec() {
        return IntegrationEventCodec.platform();
    }

    @Bean
    CurrentActingContext currentActingContext() {
        return new RequestActingContext();
    }

    @Bean
    ActingCommandGateway actingCommandGateway(
            CommandGateway commandGateway, CurrentActingContext current, PlatformProperties platform) {
        return new ActingCommandGateway(commandGateway, current, platform.name());
    }

    @Bean
    @ConditionalOnBean(IntegrationEventTranslator.class)
    KafkaEventRelay kafkaEventRelay(
            IntegrationEventTranslator translator,
            IntegrationEventCodec codec,
            KafkaTemplate<String, byte[]> kafka,
            PlatformProperties platform,
            ObjectProvider<CaseTracing> tracing,
            ObjectProvider<MeterRegistry> meters) {
        return new KafkaEventRelay(
                platform.name(),
                translator,
                codec,
                kafka,
                Topics::of,
                platform.relayAckTimeout().toMillis(),
                tracing.getIfAvailable(CaseTracing::none),
                meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
    }

    /**
     * The relay never skips an event: a failed send propagates, the batch rolls back with its token, and the processor
     * retries it (Axon's default handler would log the failure and move on, losing the publication). It reads the
     * event store from its first event: the store is the outbox, so all of it is published.
     */
    @Bean
    ConfigurerModule kafkaRelayProcessing() {
        return configurer -> configurer
                .eventProcessing()
                .registerListenerInvocationErrorHandler(
                        KafkaEventRelay.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance())
                .registerPooledStreamingEventProcessorConfiguration(
                        KafkaEventRelay.PROCESSING_GROUP,
                        (configuration, builder) -> builder.initialToken(StreamableMessageSource::createTailToken));
    }

    @Bean
    InboundEvents inboundEvents(
            IntegrationEventCodec codec,
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            PlatformProperties platform,
            ObjectProvider<CaseTracing> tracing,
            ObjectProvider<MeterRegistry> meters) {
        return new InboundEvents(
                codec,
                jdbc,
                new TransactionTemplate(transactionManager),
                platform.name(),
                tracing.getIfAvailable(CaseTracing::none),
                meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
    }

    @Bean
    CommonErrorHandler deadLetteringErrorHandler(
            KafkaTemplate<String, byte[]> kafka, PlatformProperties platform, ObjectProvider<MeterRegistry> meters) {
        return DeadLetterErrorHandlerFactory.create(
                kafka,
                platform.name(),
                meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
    }

    /** The service's own topics and one dead-letter topic per consumed topic, created if missing. */
    @Bean
    KafkaAdmin.NewTopics platformTopics(PlatformProperties platform) {
        List<NewTopic> topics = new ArrayList<>();
        if (platform.topic() != null) {
            topics.add(TopicBuilder.name(platform.topic())
                    .partitions(platform.partitions())
                    .replicas(platform.replicationFactor())
                    .build());
        }
        for (String restricted : platform.restrictedTopics()) {
            topics.add(TopicBuilder.name(restricted)
                    .partitions(platform.partitions())
                    .replicas(platform.replicationFactor())
                    .build());
        }
        for (String consumed : platform.consumes()) {
            topics.add(TopicBuilder.name(Topics.deadLetterTopic(consumed, platform.name()))
                    .partitions(platform.partitions())
                    .replicas(platform.replicationFactor())
                    .build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    SecurityFilterChain platformSecurityFilterChain(HttpSecurity http) throws Exception {
        return PlatformSecurity.filterChain(http);
    }

    @Bean
    CorrelationIdFilter correlationIdFilter() {
        return new CorrelationIdFilter();
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    CaseHistoryController caseHistoryController(EventStore eventStore) {
        return new CaseHistoryController(eventStore);
    }

    @Bean
    OpenAPI platformOpenApi(PlatformProperties platform) {
        return new OpenAPI()
                .info(new Info()
                        .title("AIMA family reunification: " + platform.name())
                        .version("v1")
                        .description("Every endpoint needs a bearer JWT whose 'roles' claim holds APPLICANT, "
                                + "CASEWORKER, OPERATIONS or AUDITOR. On the local stack the token issuer gives one: "
                                + "GET http://127.0.0.1:8090/token?sub=caseworker-1&role=CASEWORKER; paste it under "
                                + "Authorize (without 'Bearer ') and 'Try it out' sends it."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
