package io.operadb.query.projection;

import io.operadb.api.entity.EntityEvent;
import io.operadb.query.readmodel.ReadModels;
import io.operadb.query.support.QueryClient;
import io.operadb.query.support.SharedQuerySideTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event feed's documents are inserted with ids that grow with time (appends, not writes all over the collection)
 * and are written by the event's natural key; a feed written when the id was the event's UUID is read and redelivered
 * to as before.
 */
class EventFeedDocumentsTest extends SharedQuerySideTest {

    @Autowired
    private LiveProjections projection;

    @Test
    void eventDocumentsHaveTimeOrderedIdsAndTheirEventIdAndAreFoundByIt() {
        String account = newAccount("feed");
        commands.createAccount(account, ALICE);
        commands.publishSchema(account, resource("ticket-v1.json"));
        List<EntityEvent> events = new ArrayList<>();
        events.add(commands.create(account, "ticket", "t-1", "{`title`: `one`}", ALICE));
        events.add(commands.run(account, "ticket", "t-1", "bump", "{}", BOB));
        events.add(commands.run(account, "ticket", "t-1", "bump", "{}", BOB));
        awaitProjections();

        List<Document> stored = mongo.getCollection(ReadModels.EVENTS).find(new Document("account", account))
                .sort(new Document("_id", 1)).into(new ArrayList<>());
        assertThat(stored).extracting(d -> d.getString("eventId"))
                .containsExactlyElementsOf(events.stream().map(EntityEvent::eventId).toList());
        assertThat(stored).extracting(d -> d.get("version", Number.class).longValue()).containsExactly(1L, 2L, 3L);

        QueryClient admin = http.inAccount(account);
        assertThat(admin.get("/api/accounts/" + account + "/entities/ticket/t-1/events").body().path("items")
                .findValuesAsText("eventId")).containsExactlyElementsOf(events.stream().map(EntityEvent::eventId).toList());
        assertThat(admin.get("/api/accounts/" + account + "/entities/ticket/t-1?atVersion=2").body().path("version")
                .asLong()).isEqualTo(2);
    }

    @Test
    void aFeedWrittenWithTheEventIdAsDocumentIdIsReadAndRedeliveredToAsBefore() {
        String account = newAccount("oldfeed");
        commands.createAccount(account, ALICE);
        commands.publishSchema(account, resource("ticket-v1.json"));
        EntityEvent created = commands.create(account, "ticket", "t-1", "{`title`: `one`}", ALICE);
        awaitProjections();
        // the document as the earlier layout wrote it: _id is the event id, no eventId field
        Document earlier = mongo.getCollection(ReadModels.EVENTS)
                .findOneAndDelete(new Document("account", account).append("version", 1L));
        earlier.remove("eventId");
        earlier.put("_id", created.eventId());
        mongo.getCollection(ReadModels.EVENTS).insertOne(earlier);

        projection.on(created); // delivered again, as after a token moved back

        List<Document> stored = mongo.getCollection(ReadModels.EVENTS).find(new Document("account", account))
                .into(new ArrayList<>());
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).get("_id")).isEqualTo(created.eventId());
        QueryClient admin = http.inAccount(account);
        assertThat(admin.get("/api/accounts/" + account + "/entities/ticket/t-1/events").body().path("items")
                .findValuesAsText("eventId")).containsExactly(created.eventId());
        assertThat(admin.get("/api/accounts/" + account + "/events/" + created.eventId() + "/verification").status())
                .isEqualTo(200);
    }
}
