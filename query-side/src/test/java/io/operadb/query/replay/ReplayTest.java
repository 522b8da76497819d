package io.operadb.query.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.entity.EntityView;
import io.operadb.api.entity.WireValues;
import io.operadb.query.readmodel.BsonValues;
import io.operadb.query.readmodel.Generations;
import io.operadb.query.readmodel.ReadModelGenerations;
import io.operadb.query.readmodel.ReadModels;
import io.operadb.query.support.CommandSideStandIn;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blue/green replays: the read models are rebuilt into a new generation while writers keep writing and readers keep
 * reading from the serving one; no read fails or sees a half-built model, and afterwards the models equal a
 * from-scratch reduction of the store. A scoped replay leaves other accounts' documents alone.
 */
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayTest extends QuerySideTestSupport {

    private static final Logger log = LoggerFactory.getLogger(ReplayTest.class);
    private static final String DATABASE_URI = TestMongo.freshDatabaseUri("qtest-replay");
    /** 2,000 entities of 10 events: the 20,000 events of the scenario; -Dreplay.entities=... to scale it. */
    private static final int ENTITIES = Integer.getInteger("replay.entities", 2_000);
    private static final int EVENTS_PER_ENTITY = 10;
    private static final String MAIN = "replay-main";
    private static final String OTHER = "replay-other";

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", () -> DATABASE_URI);
    }

    @Autowired
    private ReadModelGenerations generations;

    private static CommandSideStandIn writer;

    @Test
    @Order(1)
    void theReplayStatusIsReadableBeforeAnyReplay() {
        commands.createAccount(MAIN, ALICE);  // alice, admin of the account, is an operator in these tests
        http = http.inAccount(MAIN);
        await("a freshly started processor over an empty store to report live", Duration.ofSeconds(10),
                () -> "live".equals(http.get("/api/admin/replay").body().path("state").asText()));
        Response status = http.get("/api/admin/replay");
        assertThat(status.status()).as(status.text()).isEqualTo(200);
        assertThat(status.body().has("lastReplay")).isFalse();
        assertThat(status.body().path("generation").path("serving").asInt()).isZero();
        assertThat(status.body().path("processors").get(0).path("name").asText()).isEqualTo("projections");
        assertThat(status.body().path("processors").get(1).path("name").asText()).isEqualTo("projections-rebuild");
        assertThat(status.body().path("processors").get(1).path("state").asText()).isEqualTo("idle");
    }

    @Test
    @Order(2)
    void aReplayOfTwentyThousandEventsUnderLoadSwitchesOverWithoutAReaderNoticing() throws Exception {
        writer = commands;
        http = http.inAccount(MAIN);
        long appendStart = System.nanoTime();
        commands.publishSchema(MAIN, resource("ticket-v1.json"));
        commands.createAccount(OTHER, ALICE);
        commands.publishSchema(OTHER, resource("ticket-v1.json"));
        CommandSideStandIn.Batch batch = commands.batch();
        for (int round = 0; round < EVENTS_PER_ENTITY; round++) {
            for (int e = 0; e < ENTITIES; e++) {
                String id = "t-" + e;
                switch (round) {
                    case 0 -> batch.create(MAIN, "ticket", id, "{`title`: `T" + e + "`, `price`: `" + e + ".10`}",
                            ALICE);
                    case 3 -> batch.run(MAIN, "ticket", id, "reprice", "{`price`: `" + (e * 3) + ".005`}", BOB);
                    default -> batch.run(MAIN, "ticket", id, "bump", "{}", BOB);
                }
            }
        }
        for (int e = 0; e < 50; e++) {
            batch.create(OTHER, "ticket", "o-" + e, "{`title`: `O" + e + "`}", BOB);
        }
        batch.append();
        awaitProjections();
        log.info("appended and projected {} events in {} s", ENTITIES * EVENTS_PER_ENTITY + 53,
                seconds(appendStart));

        Load load = new Load(MAIN);
        load.start();
        try {
            sleep(300);
            long replayStart = System.nanoTime();
            Response started = http.post("/api/admin/replay");
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            assertThat(started.body().path("state").asText()).isEqualTo("replaying");
            assertThat(started.body().path("generation").path("building").asInt()).isEqualTo(1);
            JsonNode midway = null;
            JsonNode finished = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            long nextLog = 0;
            while (finished == null && System.nanoTime() < deadline) {
                JsonNode status = http.get("/api/admin/replay").body();
                JsonNode rebuild = status.path("processors").get(1);
                if (midway == null && rebuild.path("eventsDone").asLong() > 1_000
                        && "replaying".equals(rebuild.path("state").asText())) {
                    midway = status;
                }
                if (status.path("lastReplay").path("finished").asBoolean()) {
                    finished = status;
                }
                if (System.nanoTime() > nextLog) {
                    log.info("rebuild: {}", rebuild);
                    nextLog = System.nanoTime() + 5_000_000_000L;
                }
                sleep(50);
            }
            assertThat(finished).as("the replay finished within 90 s").isNotNull();
            log.info("replayed {} events in {} s; status midway {}; at the end {}", finished.path("lastReplay")
                    .path("eventsDone"), seconds(replayStart), midway, finished);
            assertThat(midway).as("progress seen while replaying").isNotNull();
            JsonNode rebuild = midway.path("processors").get(1);
            assertThat(rebuild.path("eventsTotal").asLong()).isGreaterThanOrEqualTo(ENTITIES * EVENTS_PER_ENTITY);
            assertThat(rebuild.path("eventsPerSecond").asLong()).isPositive();
            assertThat(rebuild.path("secondsLeft").isNumber()).isTrue();
            assertThat(rebuild.path("generation").asInt()).isEqualTo(1);
            assertThat(finished.path("lastReplay").path("eventsDone").asLong())
                    .isGreaterThanOrEqualTo(ENTITIES * EVENTS_PER_ENTITY);
            assertThat(finished.path("generation").path("serving").asInt()).isEqualTo(1);
            sleep(500);
        } finally {
            load.stop();
        }
        assertThat(load.failures).as("failed or regressed reads").isEmpty();
        assertThat(load.reads.get()).as("reads during the replay").isGreaterThan(20);
        assertThat(load.writes.get()).as("writes during the replay").isGreaterThan(20);
        awaitProjections();

        assertModelsEqualAReductionOfTheStore(MAIN);
        assertModelsEqualAReductionOfTheStore(OTHER);
        Generations after = generations.fresh();
        assertThat(after.base()).isEqualTo(1);
        assertThat(after.building()).isNull();
        await("the old generation to be dropped", Duration.ofSeconds(10),
                () -> !mongo.collectionExists(ReadModels.ENTITIES) && generations.fresh().retired().isEmpty());
        Map<String, JsonNode> metrics = Map.of(
                "done", http.get("/actuator/metrics/operadb.replay.events.done").body(),
                "generation", http.get("/actuator/metrics/operadb.readmodel.generation").body());
        assertThat(metrics.get("done").path("measurements").get(0).path("value").asDouble())
                .isGreaterThanOrEqualTo(ENTITIES * EVENTS_PER_ENTITY);
        assertThat(metrics.get("generation").path("measurements").get(0).path("value").asDouble()).isEqualTo(1.0);
    }

    @Test
    @Order(3)
    void aReplayOfOneAccountLeavesEveryOtherAccountsDocumentsAlone() {
        commands = writer;
        http = http.inAccount(MAIN);
        List<Document> mainBefore = documents(ReadModels.collection(ReadModels.ENTITIES, 1), MAIN);
        List<Document> otherEventsBefore = documents(ReadModels.collection(ReadModels.EVENTS, 1), OTHER);
        commands.run(OTHER, "ticket", "o-1", "bump", "{}", BOB);

        Response started = http.post("/api/admin/replay?account=" + OTHER);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        Response conflict = http.post("/api/admin/replay");
        assertThat(conflict.status()).as("another scope while one runs").isEqualTo(409);
        await("the scoped replay to switch over", Duration.ofSeconds(60),
                () -> http.get("/api/admin/replay").body().path("lastReplay").path("finished").asBoolean());
        awaitProjections();

        Generations now = generations.fresh();
        assertThat(now.base()).isEqualTo(1);
        assertThat(now.overrides()).containsEntry(OTHER, 2);
        assertThat(documents(ReadModels.collection(ReadModels.ENTITIES, 1), MAIN)).isEqualTo(mainBefore);
        assertThat(documents(ReadModels.collection(ReadModels.ENTITIES, 2), MAIN)).isEmpty();
        assertThat(documents(ReadModels.collection(ReadModels.EVENTS, 2), OTHER)).hasSize(otherEventsBefore.size() + 1);
        await("the account's documents to leave the generation that serves the others", Duration.ofSeconds(10),
                () -> documents(ReadModels.collection(ReadModels.EVENTS, 1), OTHER).isEmpty());
        assertModelsEqualAReductionOfTheStore(OTHER);
        assertThat(http.get("/api/accounts/" + OTHER + "/entities/ticket/o-1").body().path("version").asLong())
                .isEqualTo(2);

        Response badScope = http.post("/api/admin/replay?schema=ticket");
        assertThat(badScope.status()).isEqualTo(400);
        assertThat(badScope.errorPaths()).containsExactly("schema");
    }

    /** Every entity of the account, as served, is what the stand-in's own reduction of its events gives. */
    private void assertModelsEqualAReductionOfTheStore(String account) {
        String entities = generations.fresh().routes(account, "ticket").entities();
        List<Document> served = documents(entities, account);
        int expected = MAIN.equals(account) ? ENTITIES : 50;
        assertThat(served).as(account + " entities").hasSize(expected);
        for (Document document : served) {
            String id = document.getString("id");
            EntityView view = commands.view(account, "ticket", id);
            assertThat(document.get("version", Number.class).longValue()).as(id).isEqualTo(view.version());
            assertThat(CommandSideStandIn.JSON.valueToTree(WireValues.toWire(
                    BsonValues.toCanonicalMap(document.get("state")))).toString()).as(id)
                    .isEqualTo(CommandSideStandIn.JSON.valueToTree(WireValues.toWire(view.state())).toString());
        }
        long events = mongo.getCollection(generations.fresh().routes(account, null).events())
                .countDocuments(new Document("account", account));
        long versions = served.stream().mapToLong(d -> d.get("version", Number.class).longValue()).sum();
        assertThat(events).as(account + " event feed").isEqualTo(versions);
    }

    private List<Document> documents(String collection, String account) {
        List<Document> all = new ArrayList<>();
        mongo.getCollection(collection).find(new Document("account", account)).sort(new Document("_id", 1))
                .forEach(all::add);
        return all;
    }

    /**
     * A writer bumping random entities and two readers checking that nothing goes backwards: an entity's version never
     * drops below one seen before, and a list of the account's entities never holds fewer than all of them.
     */
    private final class Load {

        private final String account;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<String> failures = new CopyOnWriteArrayList<>();
        private final AtomicLong reads = new AtomicLong();
        private final AtomicLong writes = new AtomicLong();
        private final Map<String, Long> seen = new ConcurrentHashMap<>();
        private final List<Thread> threads = new ArrayList<>();

        Load(String account) {
            this.account = account;
        }

        void start() {
            threads.add(new Thread(() -> {
                Random random = new Random(7);
                while (running.get()) {
                    commands.run(account, "ticket", "t-" + random.nextInt(ENTITIES), "bump", "{}", BOB);
                    writes.incrementAndGet();
                    ReplayTest.sleep(20);
                }
            }, "writer"));
            for (int r = 0; r < 2; r++) {
                int seed = r;
                threads.add(new Thread(() -> read(new Random(seed)), "reader-" + r));
            }
            threads.forEach(Thread::start);
        }

        private void read(Random random) {
            while (running.get()) {
                try {
                    String id = "t-" + random.nextInt(ENTITIES);
                    Response entity = http.get("/api/accounts/" + account + "/entities/ticket/" + id);
                    if (entity.status() != 200) {
                        failures.add("GET " + id + ": " + entity);
                    } else {
                        long version = entity.body().path("version").asLong();
                        Long before = seen.put(id, version);
                        if (before != null && version < before) {
                            failures.add(id + " went back from version " + before + " to " + version);
                        }
                    }
                    Response list = http.get("/api/accounts/" + account + "/entities/ticket?limit=50&sort=id");
                    if (list.status() != 200 || list.items().size() != Math.min(50, ENTITIES)) {
                        failures.add("list: " + list.status() + " with " + list.items().size() + " items");
                    }
                    reads.addAndGet(2);
                    ReplayTest.sleep(25);
                } catch (RuntimeException e) {
                    failures.add(e.toString());
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(10_000);
            }
        }
    }

    private static String seconds(long since) {
        return String.format("%.1f", (System.nanoTime() - since) / 1e9);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
