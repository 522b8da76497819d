package io.operadb.eventstore;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
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
 * An append returns only once its events are journaled (when configured), so an acknowledged event survives a crash.
 * This holds for one writing process per store; scaling writers out is Axon Server's job.
 */
public class OrderedAppendStorageStrategy extends DocumentPerEventStorageStrategy {

    /** Matches no document: a journaled write to it only waits until everything written before is journaled. */
    private static final String NO_DOCUMENT = "\u0000journal-barrier";

    private final ReentrantLock appendLock = new ReentrantLock();
    private final Clock clock;
    private final boolean journaled;
    private Instant lastStamp;

    public OrderedAppendStorageStrategy(Duration lookBack, Clock clock, boolean journaled) {
        super(EventEntryConfiguration.getDefault(), lookBack);
        this.clock = clock;
        this.journaled = journaled;
    }

    /**
     * Inserts under the lock with a plain acknowledged write, then waits for the journal outside it. The lock so
     * only orders the inserts, and concurrent commands share journal commits (group commit) instead of queueing
     * one fsync each. Nothing is lost by acknowledging the insert first: the journal is written in order, so the
     * barrier's commit covers it, and no later write (a read model, a token) can be durable without it.
     */
    @Override
    public void appendEvents(MongoCollection<Document> eventCollection, List<? extends EventMessage<?>> events,
                             Serializer serializer) {
        appendLock.lock();
        try {
            Instant stamp = nextStamp(eventCollection);
            super.appendEvents(eventCollection.withWriteConcern(WriteConcern.ACKNOWLEDGED),
                    restamp(events, stamp), serializer);
            lastStamp = stamp;
        } finally {
            appendLock.unlock();
        }
        if (journaled) {
            eventCollection.withWriteConcern(WriteConcern.JOURNALED)
                    .updateOne(Filters.eq("_id", NO_DOCUMENT), Updates.set("journaled", true));
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
