package io.operadb.query.projection;

import io.operadb.api.entity.EntityEvent;
import io.operadb.query.readmodel.ReadModels;
import io.operadb.query.support.SharedQuerySideTest;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tracking processor delivers at least once: after a crash or a token moved back, events come again. The read
 * models must then stay exactly as they were.
 */
class ProjectionIdempotencyTest extends SharedQuerySideTest {

    @Autowired
    private LiveProjections projection;
    @Autowired
    private ProjectionProgress progress;
    @Autowired
    private TokenStore tokenStore;

    private String account;
    private final List<EntityEvent> events = new ArrayList<>();
    private Instant beforeEverything;

    @BeforeEach
    void threeTicketsWithSomeHistory() {
        beforeEverything = Instant.now().minusMillis(5);
        account = newAccount("again");
        commands.createAccount(account, ALICE);
        commands.publishSchema(account, resource("ticket-v1.json"));
        events.add(commands.create(account, "ticket", "t-1", "{`title`: `one`, `price`: `800.25`}", ALICE));
        events.add(commands.run(account, "ticket", "t-1", "bump", "{}", BOB));
        events.add(commands.run(account, "ticket", "t-1", "reprice", "{`price`: `12.5`}", BOB));
        events.add(commands.create(account, "ticket", "t-2", "{`title`: `two`}", BOB));
        events.add(commands.run(account, "ticket", "t-2", "bump", "{}", ALICE));
        events.add(commands.create(account, "ticket", "t-3", "{`title`: `three`, `points`: 4}", ALICE));
        awaitProjections();
    }

    @Test
    void anEventDeliveredTwiceChangesNothing() {
        List<Document> before = readModels();
        assertThat(before).hasSize(3 + 6);

        for (EntityEvent event : events) {
            projection.on(event);
            projection.on(event);
        }
        // an older event arriving after a newer one is recognised too
        projection.on(events.get(0));
        projection.on(events.get(1));

        assertThat(readModels()).isEqualTo(before);
        assertThat(http.get("/api/accounts/" + account + "/entities/ticket/t-1").body().path("version").asLong())
                .isEqualTo(3);
        assertThat(http.get("/api/accounts/" + account + "/entities/ticket/t-1").body().path("state").path("points")
                .asLong()).isEqualTo(1);
    }

    @Test
    void rewindingTheProcessorsTokenRedeliversEverythingAndChangesNothing() {
        List<Document> before = readModels();
        StreamingEventProcessor processor = catchUp.processor().orElseThrow();
        long handledBefore = progress.handled();

        processor.shutDown();
        TrackingToken rewound = eventStore.createTokenAt(beforeEverything);
        tokenStore.storeToken(rewound, processor.getName(), 0);
        tokenStore.releaseClaim(processor.getName(), 0);
        processor.start();

        int redelivered = 2 + events.size();  // the account, the schema and the entity events
        await("the processor to deliver the events again", Duration.ofSeconds(30),
                () -> progress.handled() >= handledBefore + redelivered);
        awaitProjections();

        assertThat(readModels()).isEqualTo(before);
        assertThat(processor.processingStatus().values()).allSatisfy(s -> assertThat(s.isErrorState()).isFalse());
    }

    /** Every read-model document of the account: its entities, then its events, in a stable order. */
    private List<Document> readModels() {
        List<Document> all = new ArrayList<>();
        mongo.getCollection(ReadModels.ENTITIES).find(new Document("account", account)).sort(new Document("_id", 1))
                .forEach(all::add);
        mongo.getCollection(ReadModels.EVENTS).find(new Document("account", account)).sort(new Document("_id", 1))
                .forEach(all::add);
        return all;
    }
}
