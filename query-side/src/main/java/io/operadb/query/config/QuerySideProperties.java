package io.operadb.query.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Query-side settings.
 *
 * @param minVersionWait how long a read with {@code ?minVersion=} waits for the projection to reach that version
 * @param missWait       how long a read that finds nothing waits for the projection to reach the head of the store
 *                       before answering 404, so a read right after a write does not miss it
 * @param defaultLimit   list size when {@code limit} is not given
 * @param maxLimit       the largest {@code limit} accepted
 * @param actorCacheTtl  how long an account's actors (roles, keys, status) are cached for authentication: a
 *                       suspension made on the command side holds here within this time
 * @param rebuildBatchSize events the rebuild processor ({@code projections-rebuild}) applies per batch, and so per
 *                       bulk write of each read model and per token update. Larger than the live processor's batch
 *                       (whose size bounds how long a burst of events waits before any of it is visible): a replay
 *                       has no reader waiting on each event, and fewer, larger writes make it faster
 */
@ConfigurationProperties("operadb.query")
public record QuerySideProperties(Duration minVersionWait, Duration missWait, Integer defaultLimit,
                                  Integer maxLimit, Duration actorCacheTtl, Integer rebuildBatchSize) {

    public QuerySideProperties {
        minVersionWait = minVersionWait == null ? Duration.ofSeconds(5) : minVersionWait;
        missWait = missWait == null ? Duration.ofSeconds(2) : missWait;
        defaultLimit = defaultLimit == null ? 50 : defaultLimit;
        maxLimit = maxLimit == null ? 500 : maxLimit;
        actorCacheTtl = actorCacheTtl == null ? Duration.ofSeconds(2) : actorCacheTtl;
        rebuildBatchSize = rebuildBatchSize == null ? 1_000 : rebuildBatchSize;
    }
}
