package io.operadb.eventstore;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.micrometer.GlobalMetricRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Axon's event store on MongoDB (axon-mongo), for both sides. axon-mongo's own Spring auto-configuration ended
 * at 4.10, so its beans are declared here. The storage engine stands down when Axon Server is enabled, which then owns the events.
 */
@AutoConfiguration
@AutoConfigureBefore(name = {"org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
        "org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration"})
@EnableConfigurationProperties(EventStoreProperties.class)
public class MongoEventStoreAutoConfiguration {

    @Bean
    @Primary
    @ConditionalOnMissingBean(name = "serializer")
    public Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(EventJson.objectMapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    @ConditionalOnMissingBean(name = "eventSerializer")
    public Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    @ConditionalOnMissingBean(name = "messageSerializer")
    public Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    /** MongoDB without a replica set has no transactions (nor has the embedded server): one event per insert. */
    @Bean
    @ConditionalOnMissingBean
    public TransactionManager axonTransactionManager() {
        return NoTransactionManager.INSTANCE;
    }

    /**
     * Axon's message monitors (metrics under {@code /actuator/metrics}), with a capacity window that keeps their
     * memory bounded under high event rates ({@link ProcessorMetricRegistry}).
     */
    @Bean
    @ConditionalOnMissingBean
    public GlobalMetricRegistry globalMetricRegistry(MeterRegistry meterRegistry) {
        return new ProcessorMetricRegistry(meterRegistry, Duration.ofMinutes(1));
    }

    /** Tokens live in MongoDB in both modes: Axon Server stores events, not processor positions. */
    @Bean
    @ConditionalOnMissingBean
    public MongoTemplate axonMongoTemplate(MongoClient client, MongoProperties mongo, EventStoreProperties props) {
        MongoDatabase database = client.getDatabase(mongo.getMongoClientDatabase());
        if (props.journaled()) {
            database = database.withWriteConcern(WriteConcern.JOURNALED);
        }
        return DefaultMongoTemplate.builder().mongoDatabase(database).build();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    public EventStorageEngine eventStorageEngine(MongoTemplate axonMongoTemplate,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Serializer snapshotSerializer,
                                                 TransactionManager transactionManager,
                                                 EventStoreProperties props) {
        return MongoEventStorageEngine.builder()
                .mongoTemplate(axonMongoTemplate)
                .storageStrategy(new OrderedAppendStorageStrategy(props.lookBack(), Clock.systemUTC(),
                        props.journaled()))
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer)
                .transactionManager(transactionManager)
                .batchSize(props.batchSize())
                .build();
    }

    /**
     * The event store over the engine. Processors in another process than the writer are never told of new events,
     * so the store polls: a short fetch delay keeps the projection lag low at the cost of one cheap indexed query.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, EventStoreProperties props) {
        return EmbeddedEventStore.builder()
                .storageEngine(new BoundedTailingReads(storageEngine, props.cachedEvents()))
                .fetchDelay(props.fetchDelay().toMillis())
                .cachedEvents(props.cachedEvents())
                .cleanupDelay(props.cacheCleanupDelay().toMillis())
                .timeUnit(TimeUnit.MILLISECONDS)
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    public TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer, EventStoreProperties props) {
        MongoTokenStore.Builder builder = MongoTokenStore.builder().mongoTemplate(axonMongoTemplate)
                .serializer(serializer);
        if (props.nodeId() != null && !props.nodeId().isBlank()) {
            builder.nodeId(props.nodeId());
        }
        return builder.build();
    }
}
