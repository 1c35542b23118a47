package pt.aima.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import pt.aima.kernel.Topics;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.acting.ActingContextCorrelationProvider;
import pt.aima.platform.acting.CurrentActingContext;
import pt.aima.platform.aggregate.AggregateCache;
import pt.aima.platform.aggregate.AggregateLocks;
import pt.aima.platform.aggregate.CommandTargets;
import pt.aima.platform.asof.AggregateHistory;
import pt.aima.platform.asof.AsOfReplay;
import pt.aima.platform.audit.CaseHistoryController;
import pt.aima.platform.audit.OutcomeChecksum;
import pt.aima.platform.audit.OutcomeChecksumController;
import pt.aima.platform.audit.OutcomeParts;
import pt.aima.platform.deadletter.ProcessingGroupDeadLetters;
import pt.aima.platform.eventstore.PacedEmbeddedEventStore;
import pt.aima.platform.eventstore.PostgresEventStorage;
import pt.aima.platform.eventstore.StoredAs;
import pt.aima.platform.eventstore.StoredTypeSerializer;
import pt.aima.platform.eventstore.StoredTypes;
import pt.aima.platform.inbox.DeadLetterErrorHandlerFactory;
import pt.aima.platform.inbox.InboundEvents;
import pt.aima.platform.observability.CaseTracing;
import pt.aima.platform.privacy.PersonalDataKeys;
import pt.aima.platform.relay.IntegrationEventTranslator;
import pt.aima.platform.relay.KafkaEventRelay;
import pt.aima.platform.security.AccessGuard;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.CachingJwtDecoder;
import pt.aima.platform.security.CaseOwners;
import pt.aima.platform.security.PlatformSecurity;
import pt.aima.platform.transaction.AbortedTransactionRefusal;
import pt.aima.platform.web.CorrelationIdFilter;
import pt.aima.platform.web.ProblemDetailsAdvice;
import pt.aima.platform.web.RequestActingContext;

/** Wires the platform's mechanisms into a service; the service brings its domain, translator and listeners. */
@AutoConfiguration(
        before = {
            ObjectMapperAutoConfiguration.class,
            JdbcAutoConfiguration.class,
            org.axonframework.springboot.autoconfig.TransactionAutoConfiguration.class,
            org.axonframework.springboot.autoconfig.AxonAutoConfiguration.class
        })
@EnableConfigurationProperties({PlatformProperties.class, ClockSettings.class})
public class PlatformAutoConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PlatformAutoConfiguration.class);

    /**
     * Dates of the domain (submission dates, appointment days) are dates in mainland Portugal; the clock is the
     * system's unless {@code aima.clock.*} sets it for a reproduction run (see {@link ClockSettings}).
     */
    @Bean
    @ConditionalOnMissingBean
    Clock clock(ClockSettings settings) {
        Clock clock = settings.clock(Clock.systemUTC());
        if (settings.configured()) {
            log.warn(
                    "The business clock is set by aima.clock (fixed={}, start={}) and reads {} now; stored events"
                            + " keep the system's time",
                    settings.fixed(),
                    settings.start(),
                    clock.instant());
        }
        return clock;
    }

    /** Axon's own Jackson 2 mapper for events, snapshots and tokens (see {@link PostgresEventStorage#objectMapper()}). */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return PostgresEventStorage.objectMapper();
    }

    /**
     * The service's {@link StoredAs} types: every annotated class in the service's own packages (those of its
     * {@code @SpringBootApplication}), and the platform's own stored events (operators' dead-letter, skipped-event and
     * projection-rebuild actions).
     */
    @Bean
    @ConditionalOnMissingBean
    StoredTypes storedTypes(BeanFactory beanFactory) {
        List<String> packages = new ArrayList<>(AutoConfigurationPackages.get(beanFactory));
        packages.add("pt.aima.platform.deadletter");
        packages.add("pt.aima.platform.gaps");
        packages.add("pt.aima.platform.projection.rebuild");
        return StoredTypes.scan(packages);
    }

    /**
     * Events, snapshots and dead letters are stored under their logical names (see {@link StoredTypeSerializer}), the
     * payloads as JSON by Axon's Jackson serializer with Axon's own mapper. Tokens keep Axon's general serializer.
     */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(
            StoredTypes storedTypes,
            @Qualifier("defaultAxonObjectMapper") ObjectMapper defaultAxonObjectMapper,
            RevisionResolver revisionResolver,
            PersonalDataKeys personalDataKeys) {
        return PostgresEventStorage.serializer(
                defaultAxonObjectMapper, storedTypes, revisionResolver, personalDataKeys);
    }

    /**
     * Per-applicant data keys for crypto-shredding, wrapped by {@code aima.privacy.key-encryption-key} (base64 of 32
     * bytes; the platform defaults hold a development key: production mounts its own, never beside the database).
     */
    @Bean
    @ConditionalOnMissingBean
    PersonalDataKeys personalDataKeys(DataSource dataSource, Environment environment) {
        return PersonalDataKeys.inCurrentSchema(
                JdbcClient.create(dataSource),
                Base64.getDecoder().decode(environment.getRequiredProperty("aima.privacy.key-encryption-key")));
    }

    /**
     * The cache of a service's busiest aggregate (its case), named on the aggregate: {@code @Aggregate(cache =
     * "aggregateCache")}. {@code aima.aggregate-cache.maximum-size} aggregates at most (0 turns caching off), each
     * dropped {@code aima.aggregate-cache.expire-after-access} after its last use. See {@link AggregateCache}.
     */
    @Bean
    @ConditionalOnMissingBean(name = "aggregateCache")
    Cache aggregateCache(Environment environment, EventStorageEngine eventStorageEngine) {
        long maximumSize = environment.getProperty("aima.aggregate-cache.maximum-size", Long.class, 5_000L);
        Duration expireAfterAccess = environment.getProperty(
                "aima.aggregate-cache.expire-after-access", Duration.class, Duration.ofMinutes(10));
        return maximumSize <= 0
                ? NoCache.INSTANCE
                : new AggregateCache(maximumSize, expireAfterAccess, eventStorageEngine::lastSequenceNumberFor);
    }

    /** The aggregate cache's hits, misses, stale entries, evictions and size as meters (see {@link AggregateCache}). */
    @Bean
    MeterBinder aggregateCacheMeters(@Qualifier("aggregateCache") Cache aggregateCache) {
        return registry -> {
            if (aggregateCache instanceof AggregateCache cache) {
                cache.bindTo(registry);
            }
        };
    }

    /**
     * The locks of the aggregates named on them: {@code @Aggregate(lockFactory = "aggregateLocks")}. A command waits
     * {@code aima.aggregate-locks.wait} at most for its aggregate's lock (Axon's own default: a minute), but only {@code
     * aima.aggregate-locks.wait-after-append} (a second) inside a transaction that has already appended events, which
     * could otherwise close a deadlock with PostgreSQL (see {@link AggregateLocks}).
     */
    @Bean
    @ConditionalOnMissingBean(name = "aggregateLocks")
    LockFactory aggregateLocks(Environment environment) {
        return new AggregateLocks(
                environment.getProperty("aima.aggregate-locks.wait", Duration.class, Duration.ofMinutes(1)),
                environment.getProperty(
                        "aima.aggregate-locks.wait-after-append", Duration.class, Duration.ofSeconds(1)));
    }

    /**
     * Added by Spring Boot to the service's transaction manager: a transaction PostgreSQL has aborted is refused its
     * commit, which the driver would otherwise report as done (see {@link AbortedTransactionRefusal}). Every
     * transaction of the service goes through it: inbox records', commands', processors', the relay's.
     */
    @Bean
    AbortedTransactionRefusal abortedTransactionRefusal(DataSource dataSource) {
        return new AbortedTransactionRefusal(dataSource);
    }

    /**
     * The event store through plain JDBC on the Flyway schema (see {@link PostgresEventStorage}); snapshots are written
     * with the event serializer, so a snapshotted aggregate is stored under its logical name too.
     */
    @Bean
    @ConditionalOnMissingBean
    EventStorageEngine eventStorageEngine(
            DataSource dataSource,
            TransactionManager axonTransactionManager,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration axon) {
        return PostgresEventStorage.engine(
                dataSource,
                axonTransactionManager,
                eventSerializer,
                eventSerializer,
                axon.upcasterChain(),
                axon.snapshotFilter());
    }

    /**
     * Axon's embedded event store (the bean Axon's auto-configuration would declare, by the same name and qualifier),
     * with its reader woken by the service's commits at most once per {@code aima.event-store.wake-interval} (200 ms by
     * default; 0 wakes it at every commit, as Axon does): see {@link PacedEmbeddedEventStore}.
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    @ConditionalOnMissingBean(EventBus.class)
    EmbeddedEventStore eventStore(
            EventStorageEngine storageEngine, org.axonframework.config.Configuration axon, Environment environment) {
        return new PacedEmbeddedEventStore(
                EmbeddedEventStore.builder()
                        .storageEngine(storageEngine)
                        .messageMonitor(axon.messageMonitor(EventStore.class, "eventStore"))
                        .spanFactory(axon.getComponent(EventBusSpanFactory.class)),
                environment.getProperty("aima.event-store.wake-interval", Duration.class, Duration.ofMillis(200)));
    }

    /**
     * Tracking tokens through plain JDBC on the Flyway table {@code token_entry} (the columns Axon's JPA token store
     * used, so tokens it stored are read as before). Every batch a processor handles stores its token: through JPA
     * that was a locking select, an entity merge and a flush, here it is one update in the batch's transaction.
     */
    @Bean
    @ConditionalOnMissingBean
    TokenStore tokenStore(
            DataSource dataSource,
            Serializer serializer,
            ObjectProvider<org.axonframework.springboot.TokenStoreProperties> properties) {
        JdbcTokenStore.Builder builder = JdbcTokenStore.builder()
                // the transaction's connection, never rolled back behind Spring's back (see PostgresEventStorage)
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .serializer(serializer)
                .contentType(byte[].class)
                .schema(TokenSchema.builder()
                        .setTokenTable("token_entry")
                        .setProcessorNameColumn("processor_name")
                        .setSegmentColumn("segment")
                        .setTokenColumn("token")
                        .setTokenTypeColumn("token_type")
                        .setTimestampColumn("timestamp")
                        .setOwnerColumn("owner")
                        .build());
        properties.ifAvailable(p -> builder.claimTimeout(p.getClaimTimeout()));
        return builder.build();
    }

    /**
     * Axon's transactions are Spring's: every unit of work (a command, a processor's batch, the relay's) runs in, or
     * joins, a transaction of the service's transaction manager. Declared here rather than left to Axon's
     * auto-configuration, which orders itself after Spring Boot 3's class names and on Boot 4 can be evaluated before
     * the transaction manager exists (it then backs off, and Axon runs without transactions).
     */
    @Bean
    @ConditionalOnMissingBean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    /**
     * Each processing group with {@code axon.eventhandling.processors.<group>.dlq.enabled=true} parks the events its
     * handlers fail on in Axon's JDBC dead-letter queue (table {@code dead_letter_entry}), through the transaction's
     * own connection from Spring: Axon's default wraps it in {@code UnitOfWorkAwareConnectionProviderWrapper}, which
     * rolls the connection back itself when a unit of work rolls back, even one that had only joined a larger
     * transaction (see {@link PostgresEventStorage}). Payloads go through the event serializer, as in the event store.
     */
    @Bean
    @ConditionalOnMissingBean
    DeadLetterQueueProviderConfigurerModule deadLetterQueueProviderConfigurerModule(
            EventProcessorProperties processors,
            DataSource dataSource,
            TransactionManager axonTransactionManager,
            DeadLetterSchema deadLetterSchema,
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer) {
        ConnectionProvider connections = new SpringDataSourceConnectionProvider(dataSource);
        return new DeadLetterQueueProviderConfigurerModule(
                processors,
                group -> configuration -> JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                        .processingGroup(group)
                        .connectionProvider(connections)
                        .transactionManager(axonTransactionManager)
                        .schema(deadLetterSchema)
                        .genericSerializer(serializer)
                        .eventSerializer(eventSerializer)
                        .build());
    }

    /** The dead letters' table, from Flyway (see {@link ProcessingGroupDeadLetters#schema()}). */
    @Bean
    @ConditionalOnMissingBean
    DeadLetterSchema deadLetterSchema() {
        return ProcessingGroupDeadLetters.schema();
    }

    /** Every aggregate's command target resolver: {@link CommandTargets} (Axon's configuration takes it from here). */
    @Bean
    @ConditionalOnMissingBean
    CommandTargetResolver commandTargetResolver() {
        return new CommandTargets();
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
     * event store from its first event: the store is the outbox, so all of it is published. Being a plain event
     * handler (not annotated), it is registered here rather than found among the beans.
     */
    @Bean
    ConfigurerModule kafkaRelayProcessing(ObjectProvider<KafkaEventRelay> relay) {
        return configurer -> {
            relay.ifAvailable(handler -> configurer.eventProcessing().registerEventHandler(configuration -> handler));
            configurer
                    .eventProcessing()
                    .registerListenerInvocationErrorHandler(
                            KafkaEventRelay.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance())
                    .registerPooledStreamingEventProcessorConfiguration(
                            KafkaEventRelay.PROCESSING_GROUP,
                            (configuration, builder) -> builder.initialToken(StreamableMessageSource::createTailToken));
        };
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
            topics.add(withRetention(
                            TopicBuilder.name(platform.topic())
                                    .partitions(platform.partitions())
                                    .replicas(platform.replicationFactor()),
                            platform.topic(),
                            platform)
                    .build());
        }
        for (String restricted : platform.restrictedTopics()) {
            topics.add(withRetention(
                            TopicBuilder.name(restricted)
                                    .partitions(platform.partitions())
                                    .replicas(platform.replicationFactor()),
                            restricted,
                            platform)
                    .build());
        }
        for (String consumed : platform.consumes()) {
            String deadLetters = Topics.deadLetterTopic(consumed, platform.name());
            topics.add(withRetention(
                            TopicBuilder.name(deadLetters)
                                    .partitions(platform.partitions())
                                    .replicas(platform.replicationFactor()),
                            deadLetters,
                            platform)
                    .build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    /**
     * A restricted topic, and the dead-letter topic of one (a copy of its records), keeps its records only for
     * {@code aima.service.restricted-topic-retention}: who may read it is the broker's ACLs' business in production (the
     * same ACL for a dead-letter topic as for its source: only the consuming service), how long it holds personal data
     * is the topic's. Every other topic the service creates keeps them for {@code aima.service.topic-retention}, never
     * the broker's default: what personal facts they carry must be gone long before an erasure at the end of the legal
     * retention.
     */
    private static TopicBuilder withRetention(TopicBuilder topic, String name, PlatformProperties platform) {
        Duration retention =
                Topics.isRestricted(name) ? platform.restrictedTopicRetention() : platform.topicRetention();
        return topic.config(
                org.apache.kafka.common.config.TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
    }

    /**
     * Spring Security's observations (a span and timer per filter, per authentication and per authorization) stay off:
     * the request's own observation covers them, and wrapping every filter of every request cost more CPU than the
     * operations read models' queries themselves.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Every service's token decoder (Boot's, from the issuer's key set, with the issuer, audience and expiry checks)
     * verifies each token once and then answers it from a cache for {@code aima.security.verified-token-cache}.
     */
    @Bean
    static BeanPostProcessor cachingJwtDecoder(
            @Value("${aima.security.verified-token-cache:PT1M}") Duration keepFor,
            @Value("${aima.security.verified-token-cache-size:10000}") long maximumSize) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof CachingJwtDecoder)
                        // a token expires in real time, whatever the business clock says (aima.clock.*)
                        ? new CachingJwtDecoder(decoder, Clock.systemUTC(), keepFor, maximumSize)
                        : bean;
            }
        };
    }

    @Bean
    SecurityFilterChain platformSecurityFilterChain(HttpSecurity http, Environment environment) throws Exception {
        PlatformSecurity.requireTokenChecks(environment);
        return PlatformSecurity.filterChain(http);
    }

    @Bean
    AccessGuard accessGuard(ObjectProvider<CaseOwners> owners) {
        return new AccessGuard(owners::getIfAvailable);
    }

    /** The guard runs for every controller method, after the handler is known and before its arguments are read. */
    @Bean
    WebMvcConfigurer accessGuardRegistration(AccessGuard guard) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(guard);
            }
        };
    }

    /** Publishes each endpoint's policy in the OpenAPI document (the authorization matrix is generated from it). */
    @Bean
    OperationCustomizer allowedRolesInOpenApi() {
        return (operation, handlerMethod) -> {
            AllowedRoles policy = handlerMethod.getMethodAnnotation(AllowedRoles.class);
            if (policy != null) {
                operation.addExtension(
                        ALLOWED_ROLES_EXTENSION,
                        java.util.Arrays.stream(policy.value()).map(Enum::name).toList());
            }
            return operation;
        };
    }

    /** The OpenAPI operation extension listing the roles that may call the operation, each on its own. */
    public static final String ALLOWED_ROLES_EXTENSION = "x-allowed-roles";

    @Bean
    CorrelationIdFilter correlationIdFilter() {
        return new CorrelationIdFilter();
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    CaseHistoryController caseHistoryController(
            EventStore eventStore,
            CurrentActingContext acting,
            ObjectProvider<tools.jackson.databind.json.JsonMapper> json) {
        return new CaseHistoryController(
                eventStore, acting, json.getIfAvailable(() -> tools.jackson.databind.json.JsonMapper.builder()
                        .build()));
    }

    /**
     * Read models as of a past instant ({@code ?asOf=}): "now", the latest instant anything can have been recorded
     * at, is read from the clock that stamps stored events (Axon's), the time axis of every event's timestamp.
     */
    @Bean
    AsOfReplay asOfReplay(EventStore eventStore, PlatformTransactionManager transactions, JdbcClient jdbc) {
        return new AsOfReplay(
                new AggregateHistory(eventStore),
                transactions,
                jdbc,
                () -> org.axonframework.eventhandling.GenericEventMessage.clock.instant());
    }

    @Bean
    OutcomeChecksum outcomeChecksum(DataSource dataSource, PlatformTransactionManager transactions) {
        return new OutcomeChecksum(dataSource, transactions);
    }

    @Bean
    OutcomeChecksumController outcomeChecksumController(
            PlatformProperties platform, OutcomeChecksum checksum, ObjectProvider<OutcomeParts> parts) {
        return new OutcomeChecksumController(platform.name(), checksum, parts);
    }

    @Bean
    OpenAPI platformOpenApi(PlatformProperties platform) {
        return new OpenAPI()
                .info(new Info()
                        .title("AIMA family reunification: " + platform.name())
                        .version("v1")
                        .description("Every endpoint needs a bearer JWT whose 'roles' claim holds APPLICANT, "
                                + "CASEWORKER, OPERATIONS or AUDITOR. Each operation lists in "
                                + ALLOWED_ROLES_EXTENSION + " the roles that may call it, each on its own; an "
                                + "APPLICANT only on their own case. On the local stack the token issuer gives one: "
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
