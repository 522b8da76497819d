package io.operadb.command.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.operadb.api.entity.EntityEvent;
import io.operadb.api.naming.AggregateIds;
import io.operadb.command.support.TestSchemas;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.operadb.command.api.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the command side leaves in MongoDB: readable JSON events, journaled appends, a unique version per entity. */
class EventStorageTest extends CommandApiTest {

    @Autowired
    MongoClient mongo;

    @Autowired
    MongoTemplate axonMongoTemplate;

    @Autowired
    @Qualifier("entityCache")
    Cache entityCache;

    @Test
    void an_event_is_stored_as_a_readable_json_string_in_domainevents() throws Exception {
        String account = accountWithTickets();
        openTicket(account, "T-1", "Printer jammed");

        Document stored = domainEvents().find(Filters.eq("aggregateIdentifier",
                AggregateIds.entity(account, "ticket", "T-1"))).first();

        assertThat(stored).isNotNull();
        assertThat(stored.get("sequenceNumber", Number.class).longValue()).isZero();
        assertThat(stored.getString("type")).isEqualTo("EntityAggregate");
        assertThat(stored.getString("payloadType")).isEqualTo(EntityEvent.class.getName());
        assertThat(stored.get("serializedPayload")).isInstanceOf(String.class);
        String payload = stored.getString("serializedPayload");
        assertThat(payload).contains("ticket.open");
        JsonNode event = HttpApi.JSON.readTree(payload);
        assertThat(event.path("type").asText()).isEqualTo("ticket.open");
        assertThat(event.path("account").asText()).isEqualTo(account);
        assertThat(event.path("actor").asText()).isEqualTo(LEAD);
        assertThat(event.path("data").path("title").asText()).isEqualTo("Printer jammed");
        assertThat(event.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void decimals_are_stored_as_exact_strings() throws Exception {
        String account = accountWithActors();
        // the test coin under another id: every account has the built-in coin module already
        String gem = ((com.fasterxml.jackson.databind.node.ObjectNode) TestSchemas.coin()).put("schemaId", "gem")
                .toString();
        expectStatus(api.post("/api/accounts/" + account + "/schemas", OWNER, gem), 201);
        expectStatus(api.post("/api/accounts/" + account + "/entities/gem", OWNER,
                json("{`id`:`gold`,`data`:{`name`:`Gold`,`supply`:0.1}}")), 201);

        Document stored = domainEvents().find(Filters.eq("aggregateIdentifier",
                AggregateIds.entity(account, "gem", "gold"))).first();

        JsonNode event = HttpApi.JSON.readTree(stored.getString("serializedPayload"));
        assertThat(event.path("data").path("supply").isTextual()).isTrue();
        assertThat(event.path("data").path("supply").asText()).isEqualTo("0.1");
    }

    @Test
    void appends_use_the_journaled_write_concern() {
        assertThat(axonMongoTemplate.eventCollection().getWriteConcern().getJournal()).isTrue();
        assertThat(axonMongoTemplate.snapshotCollection().getWriteConcern().getJournal()).isTrue();
    }

    @Test
    void the_store_has_a_unique_index_on_aggregate_and_sequence_number() {
        List<Document> indexes = domainEvents().listIndexes().into(new ArrayList<>());

        assertThat(indexes).anySatisfy(index -> {
            assertThat(index.get("key", Document.class)).isEqualTo(
                    new Document("aggregateIdentifier", 1).append("sequenceNumber", 1));
            assertThat(index.getBoolean("unique")).isTrue();
        });
    }

    @Test
    void a_second_event_for_a_version_already_taken_is_refused_by_the_store() {
        String account = accountWithTickets();
        openTicket(account, "T-1", "first");
        String aggregateId = AggregateIds.entity(account, "ticket", "T-1");
        EntityEvent rival = new EntityEvent("rival", account, "ticket", 1, "T-1", "open", "ticket.open", 1, BOB,
                Instant.now(), Map.of("title", "rival"), null);

        assertThatThrownBy(() -> eventStore.publish(
                new GenericDomainEventMessage<>("EntityAggregate", aggregateId, 0L, rival)));

        assertThat(storedEvents(account, "ticket", "T-1")).singleElement()
                .satisfies(event -> assertThat(((EntityEvent) event.getPayload()).eventId()).isNotEqualTo("rival"));
    }

    @Test
    void an_entity_loaded_from_its_snapshot_continues_where_it_was() throws Exception {
        String account = accountWithTickets();
        openTicket(account, "T-1", "Snapshotted");
        HttpApi.Response keyed = expectStatus(api.post(action(account, "T-1", "assign"), LEAD,
                json("{`data`:{`assignee`:`user:bob`}}"), "Idempotency-Key", "early"), 200);
        for (int i = 0; i < 6; i++) {
            expectStatus(api.post(action(account, "T-1", "assign"), LEAD,
                    json("{`data`:{`assignee`:`user:w" + i + "`}}")), 200);
        }
        String aggregateId = AggregateIds.entity(account, "ticket", "T-1");
        MongoCollection<Document> snapshots = axonMongoTemplate.snapshotCollection();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (snapshots.countDocuments(Filters.eq("aggregateIdentifier", aggregateId)) == 0
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(snapshots.countDocuments(Filters.eq("aggregateIdentifier", aggregateId)))
                .as("a snapshot after more events than the threshold").isPositive();

        entityCache.removeAll();

        HttpApi.Response next = expectStatus(api.post(action(account, "T-1", "close"), LEAD,
                null, "If-Match", "8"), 200);
        assertThat(next.json().path("version").asLong()).isEqualTo(9);
        entityCache.removeAll();
        HttpApi.Response retry = expectStatus(api.post(action(account, "T-1", "assign"), LEAD,
                json("{`data`:{`assignee`:`user:bob`}}"), "Idempotency-Key", "early"), 200);
        assertThat(retry.json()).isEqualTo(keyed.json());
        assertThat(storedEvents(account, "ticket", "T-1")).hasSize(9);
    }

    private MongoCollection<Document> domainEvents() {
        return mongo.getDatabase(DATABASE).getCollection("domainevents");
    }
}
