package io.operadb.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.operadb.embeddedmongo.EmbeddedMongoServer;
import io.operadb.embeddedmongo.EmbeddedMongoSettings;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ordered appends through axon-mongo's storage engine, read back as a tracking processor reads them.
 */
class OrderedAppendStorageStrategyTest {

    private static final int BATCH = 100;
    private static final int BATCHES = 20;

    private EmbeddedMongoServer server;
    private MongoClient client;
    /** One millisecond later at every reading: appends a millisecond apart, as a busy writer makes them. */
    private final AtomicLong millis = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    private final Clock steppingClock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.incrementAndGet());
        }
    };

    @BeforeEach
    void start() {
        server = EmbeddedMongoServer.start(EmbeddedMongoSettings.inMemory());
        client = MongoClients.create(server.connectionString());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private MongoEventStorageEngine engine(Duration lookBack) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return MongoEventStorageEngine.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, "events").build())
                .storageStrategy(new OrderedAppendStorageStrategy(lookBack, steppingClock, true))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .batchSize(500)
                .build();
    }

    private static List<DomainEventMessage<?>> batch(int b) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            events.add(new GenericDomainEventMessage<>("Counter", "counter-" + b + "-" + i, 0, "bump " + b + "/" + i));
        }
        return events;
    }

    @Test
    void a_processor_sees_every_event_once_and_its_token_remembers_only_the_newest_millisecond() {
        MongoEventStorageEngine engine = engine(new EventStoreProperties(null, null, null, null, null, null, null).lookBack());
        for (int b = 0; b < BATCHES; b++) {
            engine.appendEvents(batch(b));
        }

        List<TrackedEventMessage<?>> read;
        try (var stream = engine.readEvents((TrackingToken) null, false)) {
            read = stream.collect(Collectors.toList());
        }

        Set<String> payloads = new HashSet<>();
        read.forEach(event -> payloads.add((String) event.getPayload()));
        assertThat(read).hasSize(BATCH * BATCHES);
        assertThat(payloads).hasSize(BATCH * BATCHES);
        // the token after the last event names only the events it may still meet again: those of its own
        // millisecond (appends are ordered, so nothing older can appear); a wider window would carry every
        // event of the window in every token, and tokens are kept per event in Axon's stream cache
        MongoTrackingToken last = (MongoTrackingToken) read.get(read.size() - 1).trackingToken();
        assertThat(last.getKnownEventIds()).hasSize(BATCH);
    }

    @Test
    void events_appended_while_a_processor_reads_are_seen_once_with_the_default_window() {
        MongoEventStorageEngine engine = engine(new EventStoreProperties(null, null, null, null, null, null, null).lookBack());
        Set<String> seen = new HashSet<>();
        TrackingToken token = null;
        for (int b = 0; b < BATCHES; b++) {
            engine.appendEvents(batch(b));
            // read part of what is there, as a processor with a small batch does
            try (var stream = engine.readEvents(token, false)) {
                List<? extends TrackedEventMessage<?>> some = stream.limit(BATCH / 2 + 7).collect(Collectors.toList());
                for (TrackedEventMessage<?> event : some) {
                    assertThat(seen.add((String) event.getPayload())).as("seen once: " + event.getPayload()).isTrue();
                    token = event.trackingToken();
                }
            }
        }
        try (var stream = engine.readEvents(token, false)) {
            stream.forEach(event -> assertThat(seen.add((String) event.getPayload())).isTrue());
        }
        assertThat(seen).hasSize(BATCH * BATCHES);
    }
}
