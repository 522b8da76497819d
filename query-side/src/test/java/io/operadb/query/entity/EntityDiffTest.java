package io.operadb.query.entity;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.entity.EntityEvent;
import io.operadb.query.support.QueryClient.Response;
import io.operadb.query.support.SharedQuerySideTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** GET …/entities/{schema}/{id}/diff?from=&to=: what changed between two versions, by which events and actors. */
class EntityDiffTest extends SharedQuerySideTest {

    private static final String WALLET = "0xAbCdEf0123456789aBcDeF0123456789AbCdEf01";
    private static final Instant T1 = Instant.parse("2026-01-10T09:00:00.123Z");

    private String account;
    private String base;

    @BeforeEach
    void anAccountWithSchemas() {
        account = newAccount("diff");
        base = "/api/accounts/" + account + "/entities/";
        commands.createAccount(account, ALICE);
        commands.publishSchema(account, resource("ticket-v1.json"));
        commands.publishSchema(account, resource("profile-v1.json"));
    }

    /** Opened by alice (1), assigned by bob (2), repriced by a wallet (3), bumped by alice (4). */
    private List<EntityEvent> aTicket(String id) {
        List<EntityEvent> events = new ArrayList<>();
        events.add(commands.create(account, "ticket", id, "{`title`:`Printer on fire`,`price`:`800.25`,`label`:`L1`}",
                ALICE, T1));
        events.add(commands.run(account, "ticket", id, "assign", "{`assignee`:`user:carol`}", BOB, T1.plusSeconds(60)));
        events.add(commands.run(account, "ticket", id, "reprice", "{`price`:1000.50}", WALLET, T1.plusSeconds(120)));
        events.add(commands.run(account, "ticket", id, "bump", "{}", ALICE, T1.plusSeconds(180)));
        awaitProjections();
        return events;
    }

    @Test
    void theChangedFieldsAreListedWithBeforeAfterAndTheEventsAndActorsThatChangedThem() {
        List<EntityEvent> events = aTicket("t-1");

        Response diff = http.get(base + "ticket/t-1/diff?from=1&to=3");

        assertThat(diff.status()).as(diff.text()).isEqualTo(200);
        JsonNode body = diff.body();
        assertThat(body.path("account").asText()).isEqualTo(account);
        assertThat(body.path("schema").asText()).isEqualTo("ticket");
        assertThat(body.path("id").asText()).isEqualTo("t-1");
        assertThat(body.path("from").asLong()).isEqualTo(1);
        assertThat(body.path("to").asLong()).isEqualTo(3);
        assertThat(paths(body)).containsExactly("state.assignee", "state.price", "state.status");

        JsonNode assignee = change(body, "state.assignee");
        assertThat(assignee.path("kind").asText()).isEqualTo("added");
        assertThat(assignee.path("before").isNull()).isTrue();
        assertThat(assignee.path("after").asText()).isEqualTo("user:carol");
        assertThat(assignee.path("changedBy")).hasSize(1);
        JsonNode by = assignee.path("changedBy").get(0);
        assertThat(by.path("version").asLong()).isEqualTo(2);
        assertThat(by.path("eventId").asText()).isEqualTo(events.get(1).eventId());
        assertThat(by.path("type").asText()).isEqualTo("ticket.assign");
        assertThat(by.path("actor").asText()).isEqualTo(BOB);
        assertThat(Instant.parse(by.path("timestamp").asText())).isEqualTo(T1.plusSeconds(60));

        JsonNode price = change(body, "state.price");
        assertThat(price.path("kind").asText()).isEqualTo("changed");
        assertThat(price.path("before").asText()).isEqualTo("800.25");
        assertThat(price.path("after").asText()).isEqualTo("1000.5");
        assertThat(price.path("changedBy").get(0).path("actor").asText()).isEqualTo(WALLET.toLowerCase());

        JsonNode status = change(body, "state.status");
        assertThat(status.path("before").asText()).isEqualTo("open");
        assertThat(status.path("after").asText()).isEqualTo("assigned");
    }

    @Test
    void fromZeroIsBeforeCreationSoEveryFieldIsAdded() {
        aTicket("t-2");

        JsonNode body = http.get(base + "ticket/t-2/diff?from=0&to=1").body();

        assertThat(paths(body)).containsExactly("state.label", "state.points", "state.price", "state.status",
                "state.title");
        body.path("changes").forEach(change -> {
            assertThat(change.path("kind").asText()).isEqualTo("added");
            assertThat(change.path("before").isNull()).isTrue();
            assertThat(change.path("changedBy").get(0).path("actor").asText()).isEqualTo(ALICE);
        });
        assertThat(change(body, "state.points").path("after").asLong()).isZero();
    }

    @Test
    void aFieldChangedTwiceNamesBothEventsAndAFieldChangedBackIsNotAChange() {
        aTicket("t-3");
        commands.run(account, "ticket", "t-3", "reprice", "{`price`:`800.25`}", BOB);
        commands.run(account, "ticket", "t-3", "bump", "{}", BOB);
        awaitProjections();

        JsonNode all = http.get(base + "ticket/t-3/diff?from=1&to=6").body();
        assertThat(paths(all)).containsExactly("state.assignee", "state.points", "state.status");
        JsonNode points = change(all, "state.points");
        assertThat(points.path("before").asLong()).isZero();
        assertThat(points.path("after").asLong()).isEqualTo(2);
        List<Long> versions = new ArrayList<>();
        points.path("changedBy").forEach(by -> versions.add(by.path("version").asLong()));
        assertThat(versions).containsExactly(4L, 6L);
    }

    @Test
    void nestedObjectsAndMapsAreNamedByDottedPathsAndArraysAreComparedWhole() {
        commands.create(account, "profile", "p-1", "{`name`:`Ann`,`city`:`Bern`}", ALICE);
        commands.run(account, "profile", "p-1", "move", "{`city`:`Basel`,`zip`:`4051`}", ALICE);
        commands.run(account, "profile", "p-1", "score", "{`who`:`user:bob`,`points`:`1.50`}", BOB);
        commands.run(account, "profile", "p-1", "tag", "{`tag`:`vip`}", BOB);
        awaitProjections();

        JsonNode body = http.get(base + "profile/p-1/diff?from=1&to=4").body();

        assertThat(paths(body)).containsExactly("state.address.city", "state.address.zip", "state.scores.user:bob",
                "state.tags");
        assertThat(change(body, "state.address.city").path("before").asText()).isEqualTo("Bern");
        assertThat(change(body, "state.address.city").path("after").asText()).isEqualTo("Basel");
        assertThat(change(body, "state.address.zip").path("kind").asText()).isEqualTo("added");
        assertThat(change(body, "state.scores.user:bob").path("after").asText()).isEqualTo("1.5");
        assertThat(change(body, "state.tags").path("before")).hasSize(0);
        assertThat(change(body, "state.tags").path("after").get(0).asText()).isEqualTo("vip");
        assertThat(change(body, "state.tags").path("changedBy").get(0).path("type").asText())
                .isEqualTo("profile.tag");
    }

    @Test
    void badVersionsAre400WithTheirQueryPathsAndAnUnknownEntityIs404() {
        aTicket("t-4");
        String diff = base + "ticket/t-4/diff";

        expectInvalid(http.get(diff + "?from=one&to=2"), "query.from");
        expectInvalid(http.get(diff + "?from=1&to=2.5"), "query.to");
        expectInvalid(http.get(diff), "query.from", "query.to");
        expectInvalid(http.get(diff + "?from=-1&to=2"), "query.from");
        expectInvalid(http.get(diff + "?from=3&to=3"), "query.from");
        expectInvalid(http.get(diff + "?from=3&to=2"), "query.from");
        expectInvalid(http.get(diff + "?from=0&to=0"), "query.to");
        Response beyond = http.get(diff + "?from=1&to=5");
        expectInvalid(beyond, "query.to");
        assertThat(beyond.body().path("errors").get(0).path("reason").asText()).contains("4");

        Response unknown = http.get(base + "ticket/nope/diff?from=0&to=1");
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
        assertThat(unknown.problemType()).endsWith("/unknown-entity");
        Response unknownSchema = http.get(base + "nope/t-4/diff?from=0&to=1");
        assertThat(unknownSchema.status()).isEqualTo(404);
        assertThat(unknownSchema.problemType()).endsWith("/unknown-schema");
        assertThat(http.anonymous().get(diff + "?from=0&to=1").status()).isEqualTo(401);
    }

    private static void expectInvalid(Response response, String... paths) {
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.problemType()).endsWith("/invalid-input");
        assertThat(response.errorPaths()).containsExactlyInAnyOrder(paths);
    }

    static List<String> paths(JsonNode diff) {
        List<String> paths = new ArrayList<>();
        diff.path("changes").forEach(change -> paths.add(change.path("path").asText()));
        return paths;
    }

    static JsonNode change(JsonNode diff, String path) {
        for (JsonNode change : diff.path("changes")) {
            if (change.path("path").asText().equals(path)) {
                return change;
            }
        }
        throw new AssertionError("no change at " + path + " in " + diff);
    }
}
