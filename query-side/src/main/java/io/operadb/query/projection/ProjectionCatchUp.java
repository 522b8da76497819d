package io.operadb.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Waits, boundedly, until the projections have applied everything the store held when asked. */
@Component
public class ProjectionCatchUp {

    private static final long POLL_MILLIS = 5;
    private static final EventEntryConfiguration EVENT_ENTRY = EventEntryConfiguration.getDefault();

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final ObjectProvider<MongoTemplate> axonMongo;

    public ProjectionCatchUp(EventProcessingConfiguration processing, EventStore eventStore,
                             ObjectProvider<MongoTemplate> axonMongo) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.axonMongo = axonMongo;
    }

    public Optional<StreamingEventProcessor> processor() {
        return processor(Projections.GROUP);
    }

    public Optional<StreamingEventProcessor> processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class);
    }

    /** @return true when the projections reached the store's head within the timeout */
    public boolean awaitHead(Duration timeout) {
        TrackingToken head = head();
        if (head == null) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(head)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep();
        }
        return true;
    }

    /**
     * A token at the newest stored event, or null when the store is empty. axon-mongo's own head token is "now" with
     * no events (its {@code createHeadToken} is {@code createTokenAt(Instant.now())}), which a processor's token,
     * stamped with its last event's time, never covers; so on MongoDB the head is read from the newest events.
     */
    public TrackingToken head() {
        TrackingToken head = eventStore.createHeadToken();
        if (head instanceof MongoTrackingToken mongoHead && mongoHead.getTrackedEvents().isEmpty()) {
            MongoTemplate template = axonMongo.getIfAvailable();
            return template == null ? head : newestStored(template.eventCollection());
        }
        return head;
    }

    private static TrackingToken newestStored(MongoCollection<Document> events) {
        String timestampField = EVENT_ENTRY.timestampProperty();
        String idField = EVENT_ENTRY.eventIdentifierProperty();
        Document newest = events.find().projection(com.mongodb.client.model.Projections.include(timestampField))
                .sort(Sorts.descending(timestampField)).limit(1).first();
        if (newest == null) {
            return null;
        }
        Object stamp = newest.get(timestampField);
        Instant at = DateTimeUtils.parseInstant(String.valueOf(stamp));
        // every event stamped with that instant (appends may share a millisecond) must have been applied
        Map<String, Long> tracked = new LinkedHashMap<>();
        events.find(Filters.eq(timestampField, stamp)).projection(com.mongodb.client.model.Projections.include(idField))
                .forEach(d -> tracked.put(d.getString(idField), at.toEpochMilli()));
        return MongoTrackingToken.of(at, tracked);
    }

    /** @return true when every segment of the projections has applied everything up to {@code position} */
    public boolean reached(TrackingToken position) {
        return reached(Projections.GROUP, position);
    }

    /** @return true when every segment of the named processor has applied everything up to {@code position} */
    public boolean reached(String processorName, TrackingToken position) {
        if (position == null) {
            return true;
        }
        Optional<StreamingEventProcessor> processor = processor(processorName);
        if (processor.isEmpty()) {
            return true;
        }
        Map<Integer, EventTrackerStatus> status = processor.get().processingStatus();
        if (status.isEmpty()) {
            return false;
        }
        return status.values().stream().allMatch(s -> reached(s, position));
    }

    /** @return true when this segment has applied everything up to {@code position} */
    public static boolean reached(EventTrackerStatus segment, TrackingToken position) {
        return position == null || segment.getTrackingToken() != null && segment.getTrackingToken().covers(position);
    }

    public static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the projections", e);
        }
    }
}
