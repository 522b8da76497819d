package io.operadb.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * axon-mongo's document-per-event strategy with one change: appends are serialised and stamped, inside the lock,
 * with a timestamp that never goes backwards.
 * <p>
 * Why: tracking processors on MongoDB follow the store by timestamp. If two writers stamp events before they race
 * to insert them, an event can become visible after a later-stamped one, behind the processor's look-back window,
 * and would be skipped silently. Stamping and inserting under one lock makes visibility order equal timestamp order,
 * so every processor sees every event exactly once with a small look-back window (and so a small token).
 * This holds for one writing process per store; scaling writers out is Axon Server's job.
 */
public class OrderedAppendStorageStrategy extends DocumentPerEventStorageStrategy {

    private final ReentrantLock appendLock = new ReentrantLock(true);
    private final Clock clock;
    private Instant lastStamp;

    public OrderedAppendStorageStrategy(Duration lookBack, Clock clock) {
        super(EventEntryConfiguration.getDefault(), lookBack);
        this.clock = clock;
    }

    @Override
    public void appendEvents(MongoCollection<Document> eventCollection, List<? extends EventMessage<?>> events,
                             Serializer serializer) {
        appendLock.lock();
        try {
            Instant stamp = nextStamp(eventCollection);
            super.appendEvents(eventCollection, restamp(events, stamp), serializer);
            lastStamp = stamp;
        } finally {
            appendLock.unlock();
        }
    }

    private Instant nextStamp(MongoCollection<Document> eventCollection) {
        if (lastStamp == null) {
            lastStamp = newestStoredStamp(eventCollection);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return now.isAfter(lastStamp) ? now : lastStamp;
    }

    private Instant newestStoredStamp(MongoCollection<Document> eventCollection) {
        String timestampField = eventConfiguration().timestampProperty();
        Document newest = eventCollection.find().sort(Sorts.descending(timestampField)).limit(1).first();
        return newest == null ? Instant.EPOCH : DateTimeUtils.parseInstant(newest.getString(timestampField));
    }

    private static List<EventMessage<?>> restamp(List<? extends EventMessage<?>> events, Instant stamp) {
        List<EventMessage<?>> stamped = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domainEvent) {
                stamped.add(new GenericDomainEventMessage<>(domainEvent.getType(),
                        domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber(), domainEvent, stamp));
            } else {
                stamped.add(event);
            }
        }
        return stamped;
    }
}
