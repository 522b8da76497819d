package io.operadb.eventstore;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedTailingReadsTest {

    private static final int EVENTS = 2_500;
    private static final int PER_READ = 300;

    private static void appendEvents(InMemoryEventStorageEngine engine) {
        List<GenericDomainEventMessage<String>> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            events.add(new GenericDomainEventMessage<>("Counter", "c-" + (i % 10), i / 10, "event-" + i));
        }
        engine.appendEvents(events);
    }

    @Test
    void a_blocking_read_ends_after_the_bound_and_a_non_blocking_one_reads_everything() {
        InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
        appendEvents(engine);
        BoundedTailingReads bounded = new BoundedTailingReads(engine, PER_READ);

        assertThat(bounded.readEvents(null, true).count()).isEqualTo(PER_READ);
        assertThat(bounded.readEvents(null, false).count()).isEqualTo(EVENTS);
    }

    @Test
    void a_processor_tailing_the_event_store_still_gets_every_event_once_in_order() throws InterruptedException {
        InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
        EmbeddedEventStore store = EmbeddedEventStore.builder()
                .storageEngine(new BoundedTailingReads(engine, PER_READ)).cachedEvents(PER_READ)
                .fetchDelay(10).build();
        try {
            List<String> received = new ArrayList<>();
            try (TrackingEventStream stream = store.openStream(null)) {
                // the consumer is at the head before the events come, so it tails the shared read-ahead
                assertThat(stream.hasNextAvailable(50, TimeUnit.MILLISECONDS)).isFalse();
                appendEvents(engine);
                store.publish(new GenericDomainEventMessage<>("Counter", "last", 0, "wake-up"));
                // until all have come or 30 s have passed. A single wait may come back empty although events
                // follow: a consumer woken after the read-ahead already moved past its position finds no next node
                // and says so; only its next call sees that it fell behind and reads the store itself (as a
                // processor does, which simply asks again). Stopping at the first empty wait failed once in CI.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (received.size() < EVENTS + 1 && System.nanoTime() < deadline) {
                    if (stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
                        TrackedEventMessage<?> event = stream.nextAvailable();
                        received.add((String) event.getPayload());
                    }
                }
            }
            assertThat(received).hasSize(EVENTS + 1);
            for (int i = 0; i < EVENTS; i++) {
                assertThat(received.get(i)).isEqualTo("event-" + i);
            }
        } finally {
            store.shutDown();
        }
    }
}
