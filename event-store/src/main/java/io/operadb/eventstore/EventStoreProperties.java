package io.operadb.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of the MongoDB event store.
 *
 * @param lookBack     how far behind its last event a tracking processor looks again for late events. Appends are
 *                     ordered by {@link OrderedAppendStorageStrategy} (no event becomes visible after a later-stamped
 *                     one), so none is needed: the default 0 looks again only at the last event's own millisecond.
 *                     A token names every event of its window, and Axon keeps a token per cached event, so a wider
 *                     window costs memory and fetch time in proportion to the append rate
 * @param batchSize    events read per query when loading an aggregate or feeding a processor
 * @param fetchDelay   how long a caught-up processor waits before asking the store again
 * @param nodeId       this process's name when claiming processor tokens; null lets Axon derive one per process.
 *                     A fixed name lets a restarted process take its tokens back at once instead of waiting for the
 *                     dead process's claims to time out; only safe when one process at a time uses the store
 * @param journaled    acknowledge an append only once it is journaled on disk (write concern {@code j: true})
 * @param cachedEvents events Axon's event store reads ahead and keeps for the processors tailing it (Axon's default
 *                     is 10,000). Each process runs one processor per group, so the cache is shared by nobody and
 *                     only needs to bridge one batch; a processor further behind reads the store itself
 * @param cacheCleanupDelay how often Axon's event store checks whether a processor reading from its cache has fallen
 *                     behind it (then the processor reads the store itself). Until then the processor holds the cache
 *                     from its position on, trimmed or not, with every event's tracking token: up to this long of
 *                     appends (Axon's default is 10 s)
 */
@ConfigurationProperties("operadb.event-store")
public record EventStoreProperties(Duration lookBack, Integer batchSize, Duration fetchDelay, String nodeId,
                                   Boolean journaled, Integer cachedEvents, Duration cacheCleanupDelay) {

    public EventStoreProperties {
        cacheCleanupDelay = cacheCleanupDelay == null ? Duration.ofSeconds(1) : cacheCleanupDelay;
        lookBack = lookBack == null ? Duration.ZERO : lookBack;
        batchSize = batchSize == null ? 500 : batchSize;
        fetchDelay = fetchDelay == null ? Duration.ofMillis(20) : fetchDelay;
        journaled = journaled == null || journaled;
        cachedEvents = cachedEvents == null ? 1_000 : cachedEvents;
    }
}
