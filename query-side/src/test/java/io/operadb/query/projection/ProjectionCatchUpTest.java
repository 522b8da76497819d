package io.operadb.query.projection;

import io.operadb.query.support.QueryClient.Response;
import io.operadb.query.support.SharedQuerySideTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Read-your-writes rests on knowing when the projections have applied everything in the store. */
class ProjectionCatchUpTest extends SharedQuerySideTest {

    @Test
    void theProjectionsReportReachingTheHeadOfTheStoreOnceTheyHaveAppliedIt() {
        String account = newAccount("head");
        commands.createAccount(account, ALICE);
        commands.publishSchema(account, resource("ticket-v1.json"));
        commands.create(account, "ticket", "t-1", "{`title`: `x`}", ALICE);

        long started = System.nanoTime();
        boolean reached = catchUp.awaitHead(Duration.ofSeconds(10));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(reached).as("reached the head within 10 s").isTrue();
        assertThat(millis).as("ms until caught up").isLessThan(5_000);
        assertThat(mongo.getCollection("entities").countDocuments(
                new org.bson.Document("_id", account + "/ticket/t-1"))).isEqualTo(1);
        // and once there, an idle processor is at the head at once
        started = System.nanoTime();
        assertThat(catchUp.awaitHead(Duration.ofSeconds(10))).isTrue();
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1_500);
    }

    @Test
    void aReadThatFindsNothingIsAnsweredAsSoonAsTheProjectionsAreAtTheHeadNotAfterTheFullWait() {
        String account = newAccount("miss");
        commands.createAccount(account, ALICE);
        commands.publishSchema(account, resource("ticket-v1.json"));
        commands.create(account, "ticket", "t-1", "{`title`: `x`}", ALICE);
        assertThat(http.get("/api/accounts/" + account + "/entities/ticket/t-1?minVersion=1").status()).isEqualTo(200);

        long started = System.nanoTime();
        Response missing = http.get("/api/accounts/" + account + "/entities/ticket/nope");
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(missing.status()).isEqualTo(404);
        assertThat(millis).as("ms to answer 404 (the miss wait is 2,000)").isLessThan(1_500);
    }

    @Test
    void aReadRightAfterTheWriteFindsTheNewEntity() {
        String account = newAccount("ryw");
        commands.createAccount(account, ALICE);
        commands.publishSchema(account, resource("ticket-v1.json"));
        assertThat(http.get("/api/accounts/" + account + "/schemas/ticket").status()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            commands.create(account, "ticket", "t-" + i, "{`title`: `x`}", ALICE);
            Response read = http.get("/api/accounts/" + account + "/entities/ticket/t-" + i);
            assertThat(read.status()).as(read.text()).isEqualTo(200);
        }
    }
}
