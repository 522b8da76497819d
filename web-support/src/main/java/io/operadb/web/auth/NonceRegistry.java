package io.operadb.web.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;

/**
 * The nonces of signed requests seen recently, per account and actor: a request replayed within the timestamp window
 * is refused. Kept in memory: a nonce is remembered twice the window, after which the timestamp check refuses the
 * request anyway. Each process keeps its own (see the README on running several instances).
 */
public class NonceRegistry {

    private final Cache<String, Boolean> seen;

    public NonceRegistry(Duration window) {
        this.seen = Caffeine.newBuilder().expireAfterWrite(window.multipliedBy(2)).maximumSize(1_000_000).build();
    }

    /** Records the nonce; false when it was seen before. */
    public boolean firstUse(String account, String actorId, String nonce) {
        String key = account + "\n" + actorId + "\n" + nonce;
        return seen.asMap().putIfAbsent(key, Boolean.TRUE) == null;
    }
}
