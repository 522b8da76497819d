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
 */
@ConfigurationProperties("operadb.query")
public record QuerySideProperties(Duration minVersionWait, Duration missWait, Integer defaultLimit,
                                  Integer maxLimit, Duration actorCacheTtl) {

    public QuerySideProperties {
        minVersionWait = minVersionWait == null ? Duration.ofSeconds(5) : minVersionWait;
        missWait = missWait == null ? Duration.ofSeconds(2) : missWait;
        defaultLimit = defaultLimit == null ? 50 : defaultLimit;
        maxLimit = maxLimit == null ? 500 : maxLimit;
        actorCacheTtl = actorCacheTtl == null ? Duration.ofSeconds(2) : actorCacheTtl;
    }
}
