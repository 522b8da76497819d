package io.operadb.api.account;

import java.time.Instant;

/** An actor was suspended (it can do nothing) or reactivated. */
public record ActorStatusChangedEvent(String account, String actorId, ActorStatus status, String changedBy,
                                      Instant timestamp) {
}
