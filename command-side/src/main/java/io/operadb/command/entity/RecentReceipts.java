package io.operadb.command.entity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.operadb.api.entity.EntityEvent;
import io.operadb.api.entity.Receipt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The receipts of an entity's recent commands by (actor, Idempotency-Key), rebuilt from its events, so that a
 * retried command returns its first receipt and appends nothing. Bounded: the oldest keys are forgotten first.
 */
public class RecentReceipts {

    private final LinkedHashMap<String, Receipt> byKey;

    public RecentReceipts() {
        this(new LinkedHashMap<>());
    }

    @JsonCreator
    RecentReceipts(Map<String, Receipt> byKey) {
        this.byKey = new LinkedHashMap<>(byKey);
    }

    @JsonValue
    Map<String, Receipt> asMap() {
        return byKey;
    }

    public Optional<Receipt> find(String actor, String idempotencyKey) {
        return idempotencyKey == null ? Optional.empty() : Optional.ofNullable(byKey.get(key(actor, idempotencyKey)));
    }

    /** Remembers the event's receipt under its key, then forgets the oldest keys beyond {@code capacity}. */
    public void remember(EntityEvent event, int capacity) {
        if (event.idempotencyKey() == null) {
            return;
        }
        byKey.put(key(event.actor(), event.idempotencyKey()), Receipt.of(event));
        while (byKey.size() > Math.max(capacity, 1)) {
            byKey.remove(byKey.keySet().iterator().next());
        }
    }

    private static String key(String actor, String idempotencyKey) {
        return actor + "\n" + idempotencyKey;
    }
}
