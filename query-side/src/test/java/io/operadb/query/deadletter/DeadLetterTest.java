package io.operadb.query.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.entity.EntityEvent;
import io.operadb.query.support.QueryClient.Response;
import io.operadb.query.support.SharedQuerySideTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event the projection cannot apply goes to the dead-letter queue with its reason; the same entity's later events
 * wait behind it while other entities go on; retried once the cause is fixed, or skipped, the waiting ones apply.
 * All through the admin HTTP API.
 */
class DeadLetterTest extends SharedQuerySideTest {

    @Test
    void aPoisonEventWaitsWithItsEntityUntilItsSchemaVersionExistsAndIsRetried() {
        String account = newAccount("dlq");
        commands.createAccount(account, ALICE);
        http = http.inAccount(account);  // alice, admin of the account, is an operator in these tests
        commands.publishSchema(account, resource("ticket-v1.json"));
        commands.create(account, "ticket", "p", "{`title`: `poisoned`}", ALICE);
        // version 2 claims schema version 2, which is not published (yet): the reducer cannot apply it
        EntityEvent poison = raw(account, "p", 2, 2, "bump");
        commands.appendRaw(poison);
        commands.appendRaw(raw(account, "p", 3, 2, "bump"));
        commands.create(account, "ticket", "other", "{`title`: `goes on`}", BOB);
        awaitProjections();

        List<JsonNode> letters = lettersOf(account);
        assertThat(letters).hasSize(2);
        JsonNode head = letters.get(0);
        assertThat(head.path("eventId").asText()).isEqualTo(poison.eventId());
        assertThat(head.path("type").asText()).isEqualTo("ticket.bump");
        assertThat(head.path("entity").asText()).isEqualTo("p");
        assertThat(head.path("version").asLong()).isEqualTo(2);
        assertThat(head.path("waiting").asBoolean()).isFalse();
        assertThat(head.path("reason").asText()).contains("no version 2");
        assertThat(letters.get(1).path("waiting").asBoolean()).isTrue();
        assertThat(version(account, "p")).as("the poisoned entity stays where it was").isEqualTo(1);
        assertThat(version(account, "other")).as("other entities go on").isEqualTo(1);
        assertThat(metric("operadb.deadletters")).isGreaterThanOrEqualTo(2.0);

        // an event of the poisoned entity appended now waits behind the others
        commands.appendRaw(raw(account, "p", 4, 2, "bump"));
        commands.run(account, "ticket", "other", "bump", "{}", BOB);
        awaitProjections();
        assertThat(lettersOf(account)).hasSize(3);
        assertThat(version(account, "other")).isEqualTo(2);

        Response stillBroken = http.post("/api/admin/dead-letters/" + head.path("id").asText() + "/retry");
        assertThat(stillBroken.status()).as(stillBroken.text()).isEqualTo(200);
        assertThat(stillBroken.body().path("cleared").asBoolean()).isFalse();
        assertThat(stillBroken.body().path("remaining")).hasSize(3);

        commands.publishSchema(account, resource("ticket-v2.json"));
        awaitProjections();
        Response retried = http.post("/api/admin/dead-letters/" + poison.eventId() + "/retry");
        assertThat(retried.status()).as(retried.text()).isEqualTo(200);
        assertThat(retried.body().path("cleared").asBoolean()).isTrue();
        assertThat(lettersOf(account)).isEmpty();
        JsonNode entity = http.get("/api/accounts/" + account + "/entities/ticket/p").body();
        assertThat(entity.path("version").asLong()).isEqualTo(4);
        assertThat(entity.path("state").path("points").asLong()).isEqualTo(3);
        assertThat(http.get("/api/accounts/" + account + "/entities/ticket/p/events").items()).hasSize(4);
    }

    @Test
    void aSkippedLetterIsPassedOverAndTheEventsBehindItApply() {
        String account = newAccount("dlq-skip");
        commands.createAccount(account, ALICE);
        http = http.inAccount(account);
        commands.publishSchema(account, resource("ticket-v1.json"));
        commands.create(account, "ticket", "q", "{`title`: `q`}", ALICE);
        EntityEvent bad = raw(account, "q", 2, 1, "explode");  // no such action: a bug of an old writer
        commands.appendRaw(bad);
        commands.appendRaw(raw(account, "q", 3, 1, "bump"));
        awaitProjections();
        List<JsonNode> letters = lettersOf(account);
        assertThat(letters).hasSize(2);
        assertThat(letters.get(0).path("reason").asText()).contains("explode");

        Response skipped = http.post("/api/admin/dead-letters/" + bad.eventId() + "/skip");
        assertThat(skipped.status()).as(skipped.text()).isEqualTo(200);
        assertThat(skipped.body().path("cleared").asBoolean()).isTrue();
        assertThat(lettersOf(account)).isEmpty();
        JsonNode entity = http.get("/api/accounts/" + account + "/entities/ticket/q").body();
        assertThat(entity.path("version").asLong()).isEqualTo(3);
        assertThat(entity.path("state").path("points").asLong()).isEqualTo(1);

        Response unknown = http.post("/api/admin/dead-letters/" + UUID.randomUUID() + "/retry");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.isProblem()).isTrue();
        assertThat(http.anonymous().get("/api/admin/dead-letters").status()).isEqualTo(401);
    }

    private EntityEvent raw(String account, String id, long version, int schemaVersion, String action) {
        return new EntityEvent(UUID.randomUUID().toString(), account, "ticket", schemaVersion, id, action,
                "ticket." + action, version, BOB, commands.now(), Map.of(), null);
    }

    private List<JsonNode> lettersOf(String account) {
        Response list = http.get("/api/admin/dead-letters");
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        return list.items().stream().filter(l -> account.equals(l.path("account").asText())).toList();
    }

    private long version(String account, String id) {
        await(id + " to be readable", Duration.ofSeconds(10),
                () -> http.get("/api/accounts/" + account + "/entities/ticket/" + id).status() == 200);
        return http.get("/api/accounts/" + account + "/entities/ticket/" + id).body().path("version").asLong();
    }

    private double metric(String name) {
        JsonNode body = http.get("/actuator/metrics/" + name + "?tag=processor:projections").body();
        return body.path("measurements").get(0).path("value").asDouble();
    }
}
