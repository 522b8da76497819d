package io.operadb.query.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.query.readmodel.ReadModels;
import io.operadb.query.support.QueryClient.Response;
import io.operadb.query.support.QuerySideTestSupport;
import io.operadb.query.support.TestMongo;
import org.bson.Document;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A replay rebuilds every read model from the store, and what it rebuilds is what was there before. */
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayTest extends QuerySideTestSupport {

    private static final Logger log = LoggerFactory.getLogger(ReplayTest.class);
    private static final String DATABASE_URI = TestMongo.freshDatabaseUri("qtest-replay");
    private static final int ENTITIES = Integer.getInteger("replay.entities", 300);
    private static final int EVENTS_PER_ENTITY = 10;
    /** The operators' account (first test), this test's account and its two schemas. */
    private static final int ACCOUNT_AND_SCHEMA_EVENTS = 4;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", () -> DATABASE_URI);
    }

    @Test
    @Order(2)
    void aReplayOfThreeThousandEventsRebuildsIdenticalReadModels() {
        String account = newAccount("replay");
        commands.createAccount(account, ALICE);
        http = http.inAccount(account); // alice, admin of the account, is an operator in these tests
        commands.publishSchema(account, resource("ticket-v1.json"));
        commands.publishSchema(account, resource("coin-v1.json"));
        long appendStart = System.nanoTime();
        for (int round = 0; round < EVENTS_PER_ENTITY; round++) {
            for (int e = 0; e < ENTITIES; e++) {
                String id = "t-" + e;
                String actor = e % 3 == 0 ? ALICE : e % 3 == 1 ? BOB : "0x00000000000000000000000000000000000000Ff";
                switch (round) {
                    case 0 -> commands.create(account, "ticket", id, "{`title`: `T" + e + "`, `price`: `" + e
                            + ".10`, `label`: `L" + (e % 5) + "`}", actor);
                    case 3 -> commands.run(account, "ticket", id, "reprice", "{`price`: `" + (e * 3) + ".005`}",
                            actor);
                    case 5 -> commands.run(account, "ticket", id, "assign", "{`assignee`: `user:carol`}", actor);
                    default -> commands.run(account, "ticket", id, "bump", "{}", actor);
                }
            }
        }
        commands.create(account, "coin", "gold", "{`symbol`: `AU`, `supply`: `1000000.000001`}", ALICE);
        long entityEvents = (long) ENTITIES * EVENTS_PER_ENTITY + 1;
        double appendSeconds = (System.nanoTime() - appendStart) / 1e9;
        await("the projection to apply all " + entityEvents + " events", Duration.ofMinutes(3),
                () -> mongo.getCollection(ReadModels.EVENTS).countDocuments() == entityEvents
                        && allEntitiesAtTheirVersion(account));
        double projectSeconds = (System.nanoTime() - appendStart) / 1e9;
        log.info("appended {} events in {} s ({} events/s); projected all {} s after the first append",
                entityEvents, round(appendSeconds), Math.round(entityEvents / appendSeconds), round(projectSeconds));

        Map<String, List<Document>> before = snapshot();
        assertThat(before.get(ReadModels.ENTITIES)).hasSize(ENTITIES + 1);
        assertThat(before.get(ReadModels.EVENTS)).hasSize((int) entityEvents);
        JsonNode sample = http.get("/api/accounts/" + account + "/entities/ticket/t-7").body();

        long replayStart = System.nanoTime();
        Response started = http.post("/api/admin/replay");
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        assertThat(started.body().path("lastReplay").path("eventsTotal").asLong())
                .as("events in the store").isEqualTo(entityEvents + ACCOUNT_AND_SCHEMA_EVENTS);

        JsonNode finished = awaitReplayFinished();
        double replaySeconds = (System.nanoTime() - replayStart) / 1e9;
        long replayed = entityEvents + ACCOUNT_AND_SCHEMA_EVENTS;
        log.info("replayed {} events in {} s: {} events/s (status says {} events/s)", replayed, round(replaySeconds),
                Math.round(replayed / replaySeconds), finished.path("lastReplay").path("eventsPerSecond"));

        assertThat(finished.path("state").asText()).isEqualTo("live");
        assertThat(finished.path("lastReplay").path("finished").asBoolean()).isTrue();
        assertThat(finished.path("lastReplay").path("eventsDone").asLong()).isEqualTo(replayed);
        assertThat(finished.path("processors").get(0).path("segments").get(0).path("error").isNull()).isTrue();

        Map<String, List<Document>> after = snapshot();
        for (String collection : before.keySet()) {
            assertThat(after.get(collection)).as(collection).hasSameSizeAs(before.get(collection));
            assertThat(after.get(collection)).as(collection).isEqualTo(before.get(collection));
        }
        assertThat(http.get("/api/accounts/" + account + "/entities/ticket/t-7").body()).isEqualTo(sample);

        // a second replay, with commands still arriving while it runs: it finishes, and nothing is lost or doubled
        Response again = http.post("/api/admin/replay");
        assertThat(again.status()).as(again.text()).isEqualTo(202);
        for (int e = 0; e < ENTITIES; e += 10) {
            commands.run(account, "ticket", "t-" + e, "bump", "{}", BOB);
        }
        JsonNode secondFinished = awaitReplayFinished();
        assertThat(secondFinished.path("lastReplay").path("eventsDone").asLong())
                .isEqualTo(replayed + ENTITIES / 10);
        await("the commands made during the replay to be applied", Duration.ofMinutes(1),
                () -> mongo.getCollection(ReadModels.EVENTS).countDocuments() == entityEvents + ENTITIES / 10);

        for (int e = 0; e < ENTITIES; e++) {
            Document entity = mongo.getCollection(ReadModels.ENTITIES).find(
                    new Document("_id", account + "/ticket/t-" + e)).first();
            assertThat(entity).as("t-" + e).isNotNull();
            assertThat(entity.get("version", Number.class).longValue()).as("t-" + e)
                    .isEqualTo(commands.version(account, "ticket", "t-" + e));
            assertThat(entity.get("state", Document.class).get("points", Number.class).longValue()).as("t-" + e)
                    .isEqualTo(EVENTS_PER_ENTITY - 3 + (e % 10 == 0 ? 1 : 0));
        }

        // a finished replay's figures stay as they were: later live events are not counted as replayed
        commands.run(account, "ticket", "t-1", "bump", "{}", BOB);
        await("a live event after the replay to be applied", Duration.ofMinutes(1),
                () -> mongo.getCollection(ReadModels.EVENTS).countDocuments() == entityEvents + ENTITIES / 10 + 1);
        JsonNode later = http.get("/api/admin/replay").body();
        assertThat(later.path("lastReplay").path("eventsDone").asLong())
                .isEqualTo(secondFinished.path("lastReplay").path("eventsDone").asLong());
        assertThat(later.path("lastReplay").path("finishedAt").asText())
                .isEqualTo(secondFinished.path("lastReplay").path("finishedAt").asText());
    }

    @Test
    @Order(1)
    void theReplayStatusIsReadableBeforeAnyReplay() {
        String operators = newAccount("ops");
        commands.createAccount(operators, ALICE);
        http = http.inAccount(operators);
        await("a freshly started processor over an empty store to report live", Duration.ofSeconds(10),
                () -> "live".equals(http.get("/api/admin/replay").body().path("state").asText()));
        Response status = http.get("/api/admin/replay");
        assertThat(status.status()).as(status.text()).isEqualTo(200);
        assertThat(status.body().has("lastReplay")).isFalse();
        assertThat(status.body().path("processors").get(0).path("name").asText()).isEqualTo("projections");
    }

    private JsonNode awaitReplayFinished() {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        List<String> seen = new ArrayList<>();
        long nextLog = 0;
        while (System.nanoTime() < deadline) {
            Response status = http.get("/api/admin/replay");
            assertThat(status.status()).as(status.text()).isEqualTo(200);
            JsonNode body = status.body();
            String state = body.path("state").asText();
            if (System.nanoTime() > nextLog) {
                log.info("replay status: {}", body);
                nextLog = System.nanoTime() + 2_000_000_000L;
            }
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(state)) {
                seen.add(state);
            }
            if ("live".equals(state) && body.path("lastReplay").path("finished").asBoolean()) {
                log.info("replay states seen: {}", seen);
                return body;
            }
            sleep(100);
        }
        throw new AssertionError("the replay did not finish within 3 minutes; states seen " + seen);
    }

    private boolean allEntitiesAtTheirVersion(String account) {
        return mongo.getCollection(ReadModels.ENTITIES).countDocuments(new Document("account", account)
                .append("version", new Document("$ne", (long) EVENTS_PER_ENTITY)).append("schema", "ticket")) == 0
                && mongo.getCollection(ReadModels.ENTITIES).countDocuments() == ENTITIES + 1;
    }

    private Map<String, List<Document>> snapshot() {
        Map<String, List<Document>> all = new LinkedHashMap<>();
        for (String collection : ReadModels.ALL) {
            List<Document> documents = new ArrayList<>();
            mongo.getCollection(collection).find().sort(new Document("_id", 1)).forEach(documents::add);
            all.put(collection, documents);
        }
        return all;
    }

    private static String round(double seconds) {
        return String.format("%.1f", seconds);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
