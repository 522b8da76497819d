package io.operadb.query.projection;

import io.operadb.api.entity.EntityView;
import io.operadb.api.entity.WireValues;
import io.operadb.query.QuerySideApplication;
import io.operadb.query.readmodel.BsonValues;
import io.operadb.query.readmodel.Generations;
import io.operadb.query.readmodel.ReadModelGenerations;
import io.operadb.query.readmodel.ReplayScope;
import io.operadb.query.replay.ReplayService;
import io.operadb.query.support.CommandSideStandIn;
import io.operadb.query.support.QuerySideTestSupport;
import io.operadb.query.support.TestMongo;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The query side stopped in the middle of projecting (and, second, in the middle of a replay) and started again on
 * the same database ends with read models equal to a fresh reduction of the store: nothing lost, nothing doubled,
 * and an interrupted replay resumes and switches over rather than leaving a mix of generations.
 */
class RestartSafetyTest {

    private static final String ACCOUNT = "restart";
    private static final int ENTITIES = 500;
    private static final int EVENTS_PER_ENTITY = 8;

    private final String databaseUri = TestMongo.freshDatabaseUri("qtest-restart");

    @Test
    void stoppingTheQuerySideMidProjectionAndMidReplayLosesAndDoublesNothing() {
        ConfigurableApplicationContext first = start();
        CommandSideStandIn commands = new CommandSideStandIn(first.getBean(EventStore.class));
        commands.createAccount(ACCOUNT, QuerySideTestSupport.ALICE);
        commands.publishSchema(ACCOUNT, QuerySideTestSupport.resource("ticket-v1.json"));
        // the projection waits while the events are appended, so that it is surely stopped partway through them
        org.axonframework.config.EventProcessingConfiguration processing =
                first.getBean(org.axonframework.config.EventProcessingConfiguration.class);
        org.axonframework.eventhandling.EventProcessor live = processing.eventProcessor(Projections.GROUP)
                .orElseThrow();
        live.shutDown();
        CommandSideStandIn.Batch batch = commands.batch();
        for (int round = 0; round < EVENTS_PER_ENTITY; round++) {
            for (int e = 0; e < ENTITIES; e++) {
                if (round == 0) {
                    batch.create(ACCOUNT, "ticket", "t-" + e, "{`title`: `T" + e + "`}", QuerySideTestSupport.BOB);
                } else {
                    batch.run(ACCOUNT, "ticket", "t-" + e, "bump", "{}", QuerySideTestSupport.BOB);
                }
            }
        }
        batch.append();
        live.start();
        ProjectionProgress progress = first.getBean(ProjectionProgress.class);
        long total = ENTITIES * EVENTS_PER_ENTITY + 2;
        await("the projection to be partway", () -> progress.handled() > 200);
        long handledAtStop = progress.handled();
        first.close();
        assertThat(handledAtStop).as("stopped mid-projection").isLessThan(total);

        ConfigurableApplicationContext second = start();
        try {
            awaitAll(second, commands);
            // and now stopped in the middle of a replay
            second.getBean(ReplayService.class).start(ReplayScope.ALL);
            ProjectionProgress secondProgress = second.getBean(ProjectionProgress.class);
            await("the rebuild to be partway", () -> secondProgress.handled(Projections.REBUILD_GROUP) > 200);
            assertThat(second.getBean(ReadModelGenerations.class).fresh().building()).isNotNull();
        } finally {
            second.close();
        }

        ConfigurableApplicationContext third = start();
        try {
            ReadModelGenerations generations = third.getBean(ReadModelGenerations.class);
            await("the interrupted replay to resume and switch over", () -> {
                Generations now = generations.fresh();
                return now.building() == null && now.base() == 1;
            });
            awaitAll(third, commands);
        } finally {
            third.close();
        }
    }

    private ConfigurableApplicationContext start() {
        return QuerySideApplication.builder().run("--server.port=0", "--spring.data.mongodb.uri=" + databaseUri,
                "--axon.axonserver.enabled=false", "--operadb.event-store.node-id=restart-test");
    }

    /** Every entity, in the serving generation, equals the stand-in's own reduction; the feed holds each event once. */
    private static void awaitAll(ConfigurableApplicationContext context, CommandSideStandIn commands) {
        ProjectionCatchUp catchUp = context.getBean(ProjectionCatchUp.class);
        await("the projections to reach the head", () -> catchUp.awaitHead(Duration.ofSeconds(1)));
        MongoTemplate mongo = context.getBean(MongoTemplate.class);
        Generations generations = context.getBean(ReadModelGenerations.class).fresh();
        List<Document> entities = new ArrayList<>();
        mongo.getCollection(generations.routes(ACCOUNT, "ticket").entities())
                .find(new Document("account", ACCOUNT)).forEach(entities::add);
        assertThat(entities).hasSize(ENTITIES);
        for (Document entity : entities) {
            EntityView view = commands.view(ACCOUNT, "ticket", entity.getString("id"));
            assertThat(entity.get("version", Number.class).longValue()).isEqualTo(view.version());
            assertThat(WireValues.toWire(BsonValues.toCanonicalMap(entity.get("state")))).as(entity.getString("id"))
                    .isEqualTo(WireValues.toWire(view.state()));
        }
        long feed = mongo.getCollection(generations.routes(ACCOUNT, null).events())
                .countDocuments(new Document("account", ACCOUNT));
        assertThat(feed).isEqualTo((long) ENTITIES * EVENTS_PER_ENTITY);
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
