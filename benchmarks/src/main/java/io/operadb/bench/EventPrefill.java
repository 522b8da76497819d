package io.operadb.bench;

import io.operadb.api.entity.EntityEvent;
import io.operadb.api.naming.AggregateIds;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fills the store with counter events straight through the command side's own Axon event store, in batches: the
 * events the command side would have written for those commands (same payload, aggregate type and identifiers,
 * journaled appends in store order), at a fraction of the time a million HTTP commands would take. They are not
 * validated one by one, so only what the bench's counter schema accepts is written.
 * <p>
 * Appending through the event store rather than inserting documents keeps the one rule that matters to tracking
 * processors: timestamps never run ahead of the clock, so the projections follow the fill as they would follow
 * commands.
 */
final class EventPrefill {

    /**
     * Events per append. Larger appends fill faster but put more events into one millisecond, and every tracking
     * token names all the events of its millisecond: at 1,000 per append the tokens Axon keeps for the events it
     * has read ahead outgrew a 1 GiB heap (docs/benchmarks.md, growth run).
     */
    static final int BATCH = 100;
    /** The aggregate type the command side's entity events carry. */
    private static final String AGGREGATE_TYPE = "EntityAggregate";

    private final EventStore store;
    private final String account;
    private final List<EventMessage<?>> pending = new ArrayList<>(BATCH);
    private long appended;

    EventPrefill(EventStore store, String account) {
        this.store = store;
        this.account = account;
    }

    /** A new counter (version 1). */
    void open(String id) {
        add(id, "open", 1, Map.of());
    }

    /** Bumps by one taking the counter from {@code version} to {@code version + count}. */
    void bumps(String id, long version, int count) {
        for (int i = 1; i <= count; i++) {
            add(id, "bump", version + i, Map.of("by", 1));
        }
    }

    /** Appends what is still pending. */
    void flush() {
        if (!pending.isEmpty()) {
            store.publish(List.copyOf(pending));
            appended += pending.size();
            pending.clear();
        }
    }

    /** Events appended or pending so far. */
    long written() {
        return appended + pending.size();
    }

    private void add(String id, String action, long version, Map<String, Object> data) {
        EntityEvent event = new EntityEvent(UUID.randomUUID().toString(), account, BenchSchemas.COUNTER, 1, id,
                action, BenchSchemas.COUNTER + "." + action, version, Workload.ADMIN, Instant.now(), data, null);
        pending.add(new GenericDomainEventMessage<>(AGGREGATE_TYPE,
                AggregateIds.entity(account, BenchSchemas.COUNTER, id), version - 1, event));
        if (pending.size() >= BATCH) {
            flush();
        }
    }
}
