package io.operadb.command.unique;

import io.operadb.api.naming.AggregateIds;
import io.operadb.api.problem.FieldError;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.unique.UniqueValueChange;
import io.operadb.api.unique.UniqueValueClaimedEvent;
import io.operadb.api.unique.UniqueValueReleasedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Set validation for {@code "unique": true} fields. Each value of a unique field has a reservation: a small event
 * stream of its own ({@code unique:<account>/<schema>/<field>/<sha-256>}) whose events say which entity holds the
 * value. An entity's command claims the values its event gives it and releases those it gives up, in the same unit
 * of work as the entity's event, before it: they are appended together or not at all (a refused command appends
 * neither), and the store's unique (aggregate, sequence) index makes two simultaneous claims of one value collide.
 * See decision record 0005.
 */
@Component
public class UniqueValues {

    /** Type of the reservation streams in the store. */
    public static final String TYPE = "UniqueValue";
    /**
     * A claim whose entity does not exist this long after the claim was left behind by an append cut short (the
     * claim was stored, the entity's event was not): it is taken over instead of blocking the value for good.
     */
    static final Duration ORPHAN_AFTER = Duration.ofMinutes(1);

    private final EventStore eventStore;

    public UniqueValues(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * Claims and releases, in the current unit of work, what the changes say.
     *
     * @throws OperaDbException DUPLICATE (409) naming the field ({@code state.<field>}) when another entity holds a
     *         value this entity would take
     */
    public void apply(String account, String schema, String entityId, List<UniqueValueChange> changes, Instant now) {
        for (UniqueValueChange change : changes.stream().sorted(Comparator.comparing(UniqueValueChange::field))
                .toList()) {
            if (change.claimed() != null) {
                claim(account, schema, change.field(), change.claimed(), entityId, now);
            }
            if (change.released() != null) {
                release(account, schema, change.field(), change.released(), entityId, now);
            }
        }
    }

    /** The entity holding a value, if any. */
    public java.util.Optional<String> holder(String account, String schema, String field, String value) {
        return java.util.Optional.ofNullable(read(AggregateIds.unique(account, schema, field, value)).holder);
    }

    private void claim(String account, String schema, String field, String value, String entityId, Instant now) {
        String id = AggregateIds.unique(account, schema, field, value);
        Reservation reservation = read(id);
        if (entityId.equals(reservation.holder)) {
            return;
        }
        long next = reservation.lastSequence + 1;
        if (reservation.holder != null) {
            if (!isOrphan(account, schema, reservation, now)) {
                throw new OperaDbException(ProblemKind.DUPLICATE, "the " + field + " '" + value + "' is already taken by "
                        + schema + " " + reservation.holder,
                        List.of(new FieldError("state." + field, "is already taken by " + schema + " "
                                + reservation.holder)));
            }
            append(id, next++, new UniqueValueReleasedEvent(account, schema, field, value, reservation.holder, now));
        }
        append(id, next, new UniqueValueClaimedEvent(account, schema, field, value, entityId, now));
    }

    private void release(String account, String schema, String field, String value, String entityId, Instant now) {
        String id = AggregateIds.unique(account, schema, field, value);
        Reservation reservation = read(id);
        if (entityId.equals(reservation.holder)) {
            append(id, reservation.lastSequence + 1,
                    new UniqueValueReleasedEvent(account, schema, field, value, entityId, now));
        }
    }

    private boolean isOrphan(String account, String schema, Reservation reservation, Instant now) {
        return reservation.claimedAt != null && reservation.claimedAt.isBefore(now.minus(ORPHAN_AFTER))
                && eventStore.lastSequenceNumberFor(AggregateIds.entity(account, schema, reservation.holder)).isEmpty();
    }

    private void append(String id, long sequence, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>(TYPE, id, sequence, event));
    }

    private Reservation read(String id) {
        Reservation r = new Reservation();
        eventStore.readEvents(id, 0L).asStream().forEach((DomainEventMessage<?> message) -> {
            r.lastSequence = message.getSequenceNumber();
            if (message.getPayload() instanceof UniqueValueClaimedEvent claimed) {
                r.holder = claimed.entityId();
                r.claimedAt = message.getTimestamp();
            } else if (message.getPayload() instanceof UniqueValueReleasedEvent) {
                r.holder = null;
                r.claimedAt = null;
            }
        });
        return r;
    }

    private static final class Reservation {
        String holder;
        Instant claimedAt;
        long lastSequence = -1;
    }
}
