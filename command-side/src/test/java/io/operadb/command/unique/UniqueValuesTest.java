package io.operadb.command.unique;

import io.operadb.api.entity.EntityEvent;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.unique.UniqueValueChange;
import io.operadb.api.unique.UniqueValueClaimedEvent;
import io.operadb.api.unique.UniqueValueReleasedEvent;
import io.operadb.command.support.SchemaEventStore;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The reservations of unique values, on an in-memory event store. */
class UniqueValuesTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    final SchemaEventStore store = new SchemaEventStore();
    final UniqueValues uniqueValues = new UniqueValues(store.store());

    @AfterEach
    void tearDown() {
        store.shutDown();
    }

    /** Runs the changes in a unit of work, as a command handler does; the events are stored on commit. */
    private void inUnitOfWork(String entityId, UniqueValueChange... changes) {
        DefaultUnitOfWork.startAndGet(null).execute(() ->
                uniqueValues.apply("acme", "coin", entityId, List.of(changes), NOW));
    }

    private List<Object> reservation(String value) {
        return store.store().readEvents(AggregateIds.unique("acme", "coin", "symbol", value), 0L).asStream()
                .map(m -> (Object) m.getPayload()).toList();
    }

    @Test
    void claims_then_releases_then_lets_another_claim() {
        inUnitOfWork("c1", new UniqueValueChange("symbol", null, "TCN"));
        assertThat(uniqueValues.holder("acme", "coin", "symbol", "TCN")).contains("c1");
        inUnitOfWork("c1", new UniqueValueChange("symbol", null, "TCN"));
        assertThat(reservation("TCN")).as("a claim by the holder is a no-op").hasSize(1);

        OperaDbException taken = catchThrowableOfType(
                () -> inUnitOfWork("c2", new UniqueValueChange("symbol", null, "TCN")), OperaDbException.class);
        assertThat(taken.kind()).isEqualTo(ProblemKind.DUPLICATE);
        assertThat(taken.problem().errors()).singleElement()
                .satisfies(e -> assertThat(e.path()).isEqualTo("state.symbol"));

        inUnitOfWork("c1", new UniqueValueChange("symbol", "TCN", "TCX"));
        assertThat(uniqueValues.holder("acme", "coin", "symbol", "TCN")).isEmpty();
        assertThat(uniqueValues.holder("acme", "coin", "symbol", "TCX")).contains("c1");
        inUnitOfWork("c2", new UniqueValueChange("symbol", null, "TCN"));
        assertThat(reservation("TCN")).hasExactlyElementsOfTypes(UniqueValueClaimedEvent.class,
                UniqueValueReleasedEvent.class, UniqueValueClaimedEvent.class);
    }

    @Test
    void nothing_is_stored_when_the_unit_of_work_rolls_back() {
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        uniqueValues.apply("acme", "coin", "c1", List.of(new UniqueValueChange("symbol", null, "RB")), NOW);
        uow.rollback();
        assertThat(reservation("RB")).isEmpty();
    }

    @Test
    void a_claim_left_by_an_entity_that_never_came_to_be_is_taken_over_after_a_while() {
        claimStoredAt("ORPHAN", "ghost", NOW.minus(UniqueValues.ORPHAN_AFTER).minusSeconds(1));
        claimStoredAt("YOUNG", "ghost", NOW.minusSeconds(5));
        claimStoredAt("ALIVE", "alive", NOW.minusSeconds(3600));
        store.store().publish(new GenericDomainEventMessage<>("EntityAggregate", AggregateIds.entity("acme", "coin",
                "alive"), 0, new EntityEvent("e1", "acme", "coin", 1, "alive", "create", "coin.create", 1, "user:a",
                NOW, Map.of(), null)));

        inUnitOfWork("c1", new UniqueValueChange("symbol", null, "ORPHAN"));
        assertThat(uniqueValues.holder("acme", "coin", "symbol", "ORPHAN")).contains("c1");
        assertThat(catchThrowableOfType(() -> inUnitOfWork("c1", new UniqueValueChange("symbol", null, "YOUNG")),
                OperaDbException.class).kind()).isEqualTo(ProblemKind.DUPLICATE);
        assertThat(catchThrowableOfType(() -> inUnitOfWork("c1", new UniqueValueChange("symbol", null, "ALIVE")),
                OperaDbException.class).kind()).isEqualTo(ProblemKind.DUPLICATE);
    }

    private void claimStoredAt(String value, String entityId, Instant at) {
        store.store().publish(new GenericDomainEventMessage<>(UniqueValues.TYPE,
                AggregateIds.unique("acme", "coin", "symbol", value), 0,
                new UniqueValueClaimedEvent("acme", "coin", "symbol", value, entityId, at), Map.of(),
                UUID.randomUUID().toString(), at));
    }
}
