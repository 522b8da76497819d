package io.operadb.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A storage engine whose blocking event streams end after a bounded number of events.
 * <p>
 * Why: Axon's {@code EmbeddedEventStore} reads ahead for the processors tailing it with one blocking stream, and
 * keeps the cache node it started from on its stack until that stream ends; the cache is a linked list, so every event
 * the stream brought in stays in memory, however far the cache was trimmed. A stream of a store that receives events
 * faster than one fetch returns them never ends: a fill of 8,000 events/s kept all 200,000 events it had appended
 * (with their tracking tokens) and ran a 1 GB heap out. Ending the stream after {@code maxEventsPerRead} lets the
 * event store start the next read from where this one stopped and let go of the old nodes. Non-blocking streams
 * (a processor reading the store itself) are left as they are.
 */
public class BoundedTailingReads implements EventStorageEngine {

    private final EventStorageEngine delegate;
    private final int maxEventsPerRead;

    public BoundedTailingReads(EventStorageEngine delegate, int maxEventsPerRead) {
        if (maxEventsPerRead < 1) {
            throw new IllegalArgumentException("maxEventsPerRead must be positive: " + maxEventsPerRead);
        }
        this.delegate = delegate;
        this.maxEventsPerRead = maxEventsPerRead;
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        Stream<? extends TrackedEventMessage<?>> events = delegate.readEvents(trackingToken, mayBlock);
        return mayBlock ? events.limit(maxEventsPerRead) : events;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        delegate.appendEvents(events);
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
