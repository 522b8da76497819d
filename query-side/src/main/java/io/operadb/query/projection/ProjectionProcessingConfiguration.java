package io.operadb.query.projection;

import com.mongodb.MongoException;
import io.operadb.query.config.QuerySideProperties;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

/**
 * How the two projection groups run.
 * <ul>
 *   <li>An event a handler cannot apply (a bug, a bad old event) goes to the group's dead-letter queue in MongoDB
 *       with its reason; later events of the same aggregate (the same entity) queue behind it, every other entity
 *       goes on. A failure of MongoDB itself is no reason to dead-letter: it fails the batch, which the processor
 *       retries.</li>
 *   <li>The rebuild group runs only during a replay: it does not start with the application.</li>
 *   <li>Every batch's writes are flushed, and every handled event counted, by {@link ProjectionProgress}.</li>
 *   <li>The rebuild group has no Axon message monitors (no per-event metrics).</li>
 * </ul>
 */
@org.springframework.context.annotation.Configuration
public class ProjectionProcessingConfiguration {

    /** Dead letters of the projections live in Axon's {@code deadletters} collection beside the tokens. */
    @Autowired
    public void configure(EventProcessingConfigurer processing, ProjectionProgress progress,
                          ProjectionDefaults defaults, QuerySideProperties properties, MongoTemplate axonMongo,
                          Serializer serializer) {
        for (String group : new String[]{Projections.GROUP, Projections.REBUILD_GROUP}) {
            processing.registerHandlerInterceptor(group, configuration -> progress.interceptor(group));
            processing.registerDeadLetterQueue(group, configuration -> MongoSequencedDeadLetterQueue
                    .<EventMessage<?>>builder()
                    .processingGroup(group)
                    .mongoTemplate(axonMongo)
                    .serializer(serializer)
                    .maxSequences(100_000)
                    .build());
            processing.registerDeadLetterPolicy(group, configuration -> enqueuePolicy());
        }
        for (String group : new String[]{Projections.GROUP, Projections.REBUILD_GROUP}) {
            // the queue is asked about an entity only when it may hold one of its letters, not for every event
            processing.registerDeadLetteringEventHandlerInvokerConfiguration(group,
                    (configuration, builder) -> builder.enableSequenceIdentifierCache());
        }
        // Axon's per-message monitors measure a live processor (its latency is the projection's lag); over the
        // rebuild's historic events they measure nothing useful and cost a tenth of its thread. Its progress and
        // rate are reported by the replay itself
        processing.registerMessageMonitor(Projections.REBUILD_GROUP, configuration -> NoOpMessageMonitor.INSTANCE);
        processing.registerTrackingEventProcessor(Projections.REBUILD_GROUP, Configuration::eventStore, configuration ->
                TrackingEventProcessorConfiguration.forParallelProcessing(defaults.threadCount())
                        .andInitialSegmentsCount(defaults.segmentCount())
                        .andBatchSize(properties.rebuildBatchSize())
                        // the tail itself, not Axon's default of a replay token from tail to head: that token is
                        // re-computed for every event and halved the rebuild's rate
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken)
                        .andAutoStart(false));
    }

    /** Dead-letter what the projection cannot apply; let infrastructure failures fail the batch instead. */
    static EnqueuePolicy<EventMessage<?>> enqueuePolicy() {
        return (letter, cause) -> {
            if (isInfrastructure(cause)) {
                throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
            }
            return Decisions.enqueue(cause);
        };
    }

    private static boolean isInfrastructure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof MongoException || t instanceof DataAccessException) {
                return true;
            }
        }
        return false;
    }
}
