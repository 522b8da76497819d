package io.operadb.query.access;

import io.operadb.query.support.QueryClient;
import io.operadb.query.support.QuerySideTestSupport;
import io.operadb.query.support.TestMongo;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a replay moves an account to a new read-model generation, every read path still finds its entities: read
 * rules, history, diff and signature verification read the generation that serves the account, not the first one.
 */
class ReadPathsAcrossGenerationsTest extends QuerySideTestSupport {

    private static final String DATABASE_URI = TestMongo.freshDatabaseUri("qtest-generations");

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", () -> DATABASE_URI);
    }

    @Test
    void every_read_path_follows_the_account_to_its_new_generation() {
        String account = newAccount("gen");
        String base = "/api/accounts/" + account;
        commands.createAccount(account, ALICE);
        commands.registerActor(account, 1, BOB, List.of(), ALICE);
        commands.publishSchema(account, resource("deed-v1.json"));
        String eventId = commands.create(account, "deed", "d-bob", "{`title`:`bob's`}", BOB).eventId();
        commands.run(account, "deed", "d-bob", "retitle", "{`title`:`bob's own`}", BOB);
        commands.create(account, "deed", "d-alice", "{`title`:`alice's`}", ALICE);
        awaitProjections();

        QueryClient admin = http.inAccount(account);
        assertThat(admin.post("/api/admin/replay?account=" + account).status()).isEqualTo(202);
        await("the account's replay to switch over", Duration.ofSeconds(60),
                () -> admin.get("/api/admin/replay").body().path("lastReplay").path("finished").asBoolean());
        await("the first generation to let go of the account", Duration.ofSeconds(10),
                () -> mongo.getCollection("entities").countDocuments(new org.bson.Document("account", account)) == 0);

        QueryClient bob = http.as(BOB);
        assertThat(bob.get(base + "/entities/deed/d-bob").status()).isEqualTo(200);
        assertThat(bob.get(base + "/entities/deed/d-alice").status()).as("hidden by the read rule").isEqualTo(404);
        assertThat(bob.get(base + "/entities/deed/d-bob/events").body().path("items")).hasSize(2);
        assertThat(bob.get(base + "/entities/deed/d-bob/diff?from=1&to=2").status()).isEqualTo(200);
        assertThat(bob.get(base + "/events/" + eventId + "/verification").status()).isEqualTo(200);
        assertThat(bob.get(base + "/entities/deed").body().path("items")).hasSize(1);
    }
}
