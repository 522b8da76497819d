package io.operadb.command.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Command-side settings.
 *
 * @param snapshotThreshold     events after which an entity's state is snapshotted, so loading it stays cheap
 * @param aggregateCacheSize    entities kept in memory between commands (a bounded strong cache)
 * @param directoryCacheTtl     how long account and schema look-ups are reused; local changes evict at once,
 *                              so this only bounds staleness between several command-side instances
 * @param idempotencyKeysPerEntity how many idempotency keys an entity remembers
 */
@ConfigurationProperties("operadb.command")
public record CommandSideProperties(Integer snapshotThreshold, Integer aggregateCacheSize, Duration directoryCacheTtl,
                                    Integer idempotencyKeysPerEntity) {

    public CommandSideProperties {
        snapshotThreshold = snapshotThreshold == null ? 250 : snapshotThreshold;
        aggregateCacheSize = aggregateCacheSize == null ? 50_000 : aggregateCacheSize;
        directoryCacheTtl = directoryCacheTtl == null ? Duration.ofSeconds(2) : directoryCacheTtl;
        idempotencyKeysPerEntity = idempotencyKeysPerEntity == null ? 1_000 : idempotencyKeysPerEntity;
    }
}
