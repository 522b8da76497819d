package io.operadb.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.schema.SchemaPublishedEvent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

import java.time.Instant;

/**
 * A real, in-memory Axon event store holding schema versions as {@code SchemaAggregate} events, as the command
 * side's {@code SchemaCatalog} and {@code EntityReferences} read them in production.
 */
public final class SchemaEventStore {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();

    public EventStore store() {
        return store;
    }

    /** Appends the next {@link SchemaPublishedEvent} of the document's schema (sequence numbers 0, 1, ...). */
    public void publish(String account, JsonNode document) {
        String schemaId = document.get("schemaId").asText();
        int version = document.get("version").asInt();
        String aggregateId = AggregateIds.schema(account, schemaId);
        long sequence = store.lastSequenceNumberFor(aggregateId).map(last -> last + 1).orElse(0L);
        store.publish(new GenericDomainEventMessage<>("SchemaAggregate", aggregateId, sequence,
                new SchemaPublishedEvent(account, schemaId, version, document, "user:owner",
                        Instant.parse("2026-01-01T00:00:00Z"))));
    }

    /** Appends an event of another aggregate, e.g. to make an entity exist for ref checks. */
    public void append(String aggregateType, String aggregateId, Object payload) {
        long sequence = store.lastSequenceNumberFor(aggregateId).map(last -> last + 1).orElse(0L);
        store.publish(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload));
    }

    public void shutDown() {
        store.shutDown();
    }
}
