package io.operadb.query.entity;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.entity.EntityEvent;
import io.operadb.query.support.QueryClient.Response;
import io.operadb.query.support.SharedQuerySideTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.operadb.query.support.QueryClient.enc;
import static org.assertj.core.api.Assertions.assertThat;

/** An entity's history (oldest first) and the account's event feed (newest first), both paged. */
class HistoryAndFeedTest extends SharedQuerySideTest {

    private static final String WALLET = "0x00000000000000000000000000000000000000aB";
    private static final Instant T0 = Instant.parse("2026-02-01T12:00:00Z");

    private String account;
    private String base;
    private final List<EntityEvent> written = new ArrayList<>();

    @BeforeEach
    void anAccount() {
        account = newAccount("feed");
        base = "/api/accounts/" + account;
        commands.createAccount(account, ALICE);
        commands.publishSchema(account, resource("ticket-v1.json"));
    }

    /** 7 events on t-1, then 3 on t-2 and 2 on t-3, each a second after the one before. */
    private void twelveEvents() {
        int second = 0;
        written.add(commands.create(account, "ticket", "t-1", "{`title`: `one`, `price`: `800.25`}", ALICE,
                T0.plusSeconds(second++)));
        for (int i = 0; i < 3; i++) {
            written.add(commands.run(account, "ticket", "t-1", "bump", "{}", BOB, T0.plusSeconds(second++)));
        }
        written.add(commands.run(account, "ticket", "t-1", "reprice", "{`price`: `0.5`}", WALLET,
                T0.plusSeconds(second++)));
        written.add(commands.run(account, "ticket", "t-1", "assign", "{`assignee`: `user:carol`}", ALICE,
                T0.plusSeconds(second++)));
        written.add(commands.run(account, "ticket", "t-1", "close", "{}", "user:carol", T0.plusSeconds(second++)));
        written.add(commands.create(account, "ticket", "t-2", "{`title`: `two`}", BOB, T0.plusSeconds(second++)));
        written.add(commands.run(account, "ticket", "t-2", "bump", "{}", WALLET, T0.plusSeconds(second++)));
        written.add(commands.run(account, "ticket", "t-2", "assign", "{`assignee`: `user:carol`}", ALICE,
                T0.plusSeconds(second++)));
        written.add(commands.create(account, "ticket", "t-3", "{`title`: `three`}", ALICE, T0.plusSeconds(second++)));
        written.add(commands.run(account, "ticket", "t-3", "bump", "{}", BOB, T0.plusSeconds(second)));
        awaitProjections();
    }

    @Test
    void anEntitysHistoryIsServedOldestFirstInTheContractShape() {
        twelveEvents();

        Response history = http.get(base + "/entities/ticket/t-1/events");

        assertThat(history.status()).as(history.text()).isEqualTo(200);
        assertThat(history.items().stream().map(e -> e.path("version").asLong()).toList())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(history.next()).isNull();
        JsonNode first = history.items().get(0);
        List<String> keys = new ArrayList<>();
        first.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("eventId", "account", "schema", "schemaVersion", "id", "action", "type",
                "version", "actor", "timestamp", "data");
        EntityEvent created = written.get(0);
        assertThat(first.path("eventId").asText()).isEqualTo(created.eventId());
        assertThat(first.path("account").asText()).isEqualTo(account);
        assertThat(first.path("schema").asText()).isEqualTo("ticket");
        assertThat(first.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(first.path("id").asText()).isEqualTo("t-1");
        assertThat(first.path("action").asText()).isEqualTo("open");
        assertThat(first.path("type").asText()).isEqualTo("ticket.open");
        assertThat(first.path("actor").asText()).isEqualTo(ALICE);
        assertThat(Instant.parse(first.path("timestamp").asText())).isEqualTo(T0);
        assertThat(first.path("data").path("title").asText()).isEqualTo("one");
        assertThat(first.path("data").path("price").isTextual()).as("decimals as strings in event data").isTrue();
        assertThat(first.path("data").path("price").asText()).isEqualTo("800.25");
        JsonNode repriced = history.items().get(4);
        assertThat(repriced.path("actor").asText()).isEqualTo(WALLET.toLowerCase());
        assertThat(repriced.path("data").path("price").asText()).isEqualTo("0.5");
    }

    @Test
    void anEntitysHistoryPagesOldestFirst() {
        twelveEvents();
        List<Long> versions = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String after = null;
        do {
            Response page = http.get(base + "/entities/ticket/t-1/events?limit=3"
                    + (after == null ? "" : "&after=" + enc(after)));
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            sizes.add(page.items().size());
            page.items().forEach(e -> versions.add(e.path("version").asLong()));
            after = page.next();
        } while (after != null);

        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(versions).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void theHistoryOfAnUnknownEntityIs404AndBadPagingIs400() {
        twelveEvents();
        Response unknown = http.get(base + "/entities/ticket/nope/events");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemType()).endsWith("/unknown-entity");
        assertThat(http.get(base + "/entities/nosuch/t-1/events").status()).isEqualTo(404);
        assertThat(http.get(base + "/entities/ticket/t-1/events?limit=501").errorPaths())
                .containsExactly("query.limit");
        assertThat(http.get(base + "/entities/ticket/t-1/events?after=garbage").errorPaths())
                .containsExactly("query.after");
    }

    @Test
    void theAccountFeedIsNewestFirstAndPages() {
        twelveEvents();
        List<String> newestFirst = new ArrayList<>(written.stream().map(EntityEvent::eventId).toList());
        Collections.reverse(newestFirst);

        Response all = http.get(base + "/events?limit=500");
        assertThat(all.status()).as(all.text()).isEqualTo(200);
        assertThat(all.items().stream().map(e -> e.path("eventId").asText()).toList()).isEqualTo(newestFirst);

        List<String> paged = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String after = null;
        do {
            Response page = http.get(base + "/events?limit=5" + (after == null ? "" : "&after=" + enc(after)));
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            sizes.add(page.items().size());
            page.items().forEach(e -> paged.add(e.path("eventId").asText()));
            after = page.next();
        } while (after != null);
        assertThat(sizes).containsExactly(5, 5, 2);
        assertThat(paged).isEqualTo(newestFirst);
    }

    @Test
    void theAccountFeedFiltersByTypeAndActor() {
        twelveEvents();

        assertThat(feedIds("type=ticket.bump")).isEqualTo(expected(e -> e.type().equals("ticket.bump")));
        assertThat(feedIds("type=ticket.open")).isEqualTo(expected(e -> e.type().equals("ticket.open")));
        assertThat(feedIds("actor=" + BOB)).isEqualTo(expected(e -> e.actor().equals(BOB)));
        assertThat(feedIds("actor=" + WALLET)).as("a wallet matches whatever its case")
                .isEqualTo(expected(e -> e.actor().equals(WALLET.toLowerCase())));
        assertThat(feedIds("actor=" + WALLET.toLowerCase())).hasSize(2);
        assertThat(feedIds("type=ticket.bump&actor=" + BOB)).isEqualTo(
                expected(e -> e.type().equals("ticket.bump") && e.actor().equals(BOB)));
        assertThat(feedIds("type=ticket.nothing")).isEmpty();
        assertThat(feedIds("type=" + enc("{\"$ne\":\"x\"}"))).as("a type is matched literally").isEmpty();
        assertThat(feedIds("actor=" + enc("{\"$gt\":\"\"}"))).as("an actor is matched literally").isEmpty();
    }

    @Test
    void theFeedOfAnUnknownAccountIs404AndBadPagingIs400() {
        twelveEvents();
        Response unknown = withToken(account, ALICE).get("/api/accounts/no-such-account/events");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemType()).endsWith("/unknown-account");
        assertThat(http.get(base + "/events?limit=501").errorPaths()).containsExactly("query.limit");
        assertThat(http.get(base + "/events?limit=0").errorPaths()).containsExactly("query.limit");
    }

    @Test
    void anotherAccountsEventsNeverShowInTheFeed() {
        twelveEvents();
        String other = newAccount("other");
        commands.createAccount(other, ALICE);
        commands.publishSchema(other, resource("ticket-v1.json"));
        commands.create(other, "ticket", "t-1", "{`title`: `elsewhere`}", ALICE);
        awaitProjections();

        assertThat(http.get(base + "/events?limit=500").items()).hasSize(12)
                .allSatisfy(e -> assertThat(e.path("account").asText()).isEqualTo(account));
        assertThat(http.get("/api/accounts/" + other + "/events").items()).hasSize(1);
        assertThat(http.get(base + "/entities/ticket/t-1/events").items()).hasSize(7);
    }

    private List<String> feedIds(String query) {
        Response response = http.get(base + "/events?limit=500&" + query);
        assertThat(response.status()).as(query + " -> " + response.text()).isEqualTo(200);
        return response.items().stream().map(e -> e.path("eventId").asText()).toList();
    }

    private List<String> expected(java.util.function.Predicate<EntityEvent> which) {
        List<String> ids = new ArrayList<>(written.stream().filter(which).map(EntityEvent::eventId).toList());
        Collections.reverse(ids);
        return ids;
    }
}
