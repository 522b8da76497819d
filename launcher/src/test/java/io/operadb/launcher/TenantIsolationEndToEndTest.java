package io.operadb.launcher;

import io.operadb.signing.TestIdentities;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials of account B reach nothing of account A: every endpoint of both APIs, with B's token and with B's
 * signed requests, answers 401/403/404 with none of A's data, and A is unchanged afterwards.
 */
class TenantIsolationEndToEndTest {

    private static final String SECRET = "the-secret-title-of-account-a";
    private static Http commands;
    private static Http queries;
    private static String eventId;

    @BeforeAll
    static void twoTenants() {
        commands = SharedOperaDb.commands();
        queries = SharedOperaDb.queries();
        for (String[] tenant : List.of(new String[]{"tenant-a", "user:anna"}, new String[]{"tenant-b", "user:bert"})) {
            assertThat(commands.as(tenant[1]).post("/api/accounts", "{\"account\":\"" + tenant[0]
                    + "\",\"owner\":{\"actorId\":\"" + tenant[1] + "\",\"keys\":" + TestIdentities.keysJson(tenant[1])
                    + "}}").status()).isEqualTo(201);
            assertThat(commands.as(tenant[1]).post("/api/accounts/" + tenant[0] + "/schemas",
                    TicketWorkflowEndToEndTest.ticketSchema()).status()).isEqualTo(201);
        }
        Http.Response opened = commands.as("user:anna").post("/api/accounts/tenant-a/entities/ticket",
                "{\"id\":\"T-1\",\"data\":{\"title\":\"" + SECRET + "\"}}");
        assertThat(opened.status()).isEqualTo(201);
        eventId = opened.json().path("eventId").asText();
        assertThat(queries.as("user:anna").get("/api/accounts/tenant-a/entities/ticket/T-1?minVersion=1").status())
                .isEqualTo(200);
    }

    private static final List<String> COMMAND_PATHS = List.of(
            "/api/accounts/tenant-a/actors",
            "/api/accounts/tenant-a/actors/user:anna/suspend",
            "/api/accounts/tenant-a/actors/user:anna/reactivate",
            "/api/accounts/tenant-a/token",
            "/api/accounts/tenant-a/schemas",
            "/api/accounts/tenant-a/entities/ticket",
            "/api/accounts/tenant-a/entities/ticket/T-1/assign",
            "/api/accounts/tenant-a/entities/ticket/T-1/close");

    private static List<String> queryPaths() {
        return List.of(
                "/api/accounts/tenant-a/schemas",
                "/api/accounts/tenant-a/schemas/ticket",
                "/api/accounts/tenant-a/schemas/ticket/versions/1",
                "/api/accounts/tenant-a/entities/ticket",
                "/api/accounts/tenant-a/entities/ticket?state.title=" + SECRET,
                "/api/accounts/tenant-a/entities/ticket/T-1",
                "/api/accounts/tenant-a/entities/ticket/T-1?atVersion=1",
                "/api/accounts/tenant-a/entities/ticket/T-1?asOf=2100-01-01T00:00:00Z",
                "/api/accounts/tenant-a/entities/ticket/T-1/events",
                "/api/accounts/tenant-a/entities/ticket/T-1/diff?from=0&to=1",
                "/api/accounts/tenant-a/events",
                "/api/accounts/tenant-a/events?actor=user:anna",
                "/api/accounts/tenant-a/events/" + eventId + "/verification");
    }

    @Test
    void a_token_of_account_b_gets_nothing_of_account_a_from_either_api() {
        String token = commands.as("user:bert").post("/api/accounts/tenant-b/token", null).json().path("token")
                .asText();
        Http commandsAsB = commands.withToken(token);
        Http queriesAsB = queries.withToken(token);
        for (String path : COMMAND_PATHS) {
            Http.Response answer = commandsAsB.post(path, "{\"actorId\":\"user:mole\",\"roles\":[\"admin\"],"
                    + "\"data\":{\"title\":\"x\",\"assignee\":\"user:bert\"}}");
            assertThat(answer.status()).as(path).isIn(401, 403, 404);
            assertThat(answer.body()).as(path).doesNotContain(SECRET);
        }
        for (String path : queryPaths()) {
            Http.Response answer = queriesAsB.get(path);
            assertThat(answer.status()).as(path).isIn(403, 404);
            assertThat(answer.body()).as(path).doesNotContain(SECRET).doesNotContain("user:anna\"");
        }
        assertUnchanged();
    }

    @Test
    void signed_requests_by_account_bs_owner_get_nothing_of_account_a() {
        Http commandsAsB = commands.as("user:bert");
        Http queriesAsB = queries.as("user:bert");
        for (String path : COMMAND_PATHS) {
            Http.Response answer = commandsAsB.post(path, "{\"data\":{\"title\":\"x\"}}");
            assertThat(answer.status()).as(path).isIn(401, 403, 404);
            assertThat(answer.body()).as(path).doesNotContain(SECRET);
        }
        for (String path : queryPaths()) {
            Http.Response answer = queriesAsB.get(path);
            assertThat(answer.status()).as(path).isIn(401, 403, 404);
            assertThat(answer.body()).as(path).doesNotContain(SECRET);
        }
        assertUnchanged();
    }

    @Test
    void account_bs_own_feed_and_lists_never_show_account_as_events() {
        Http.Response feed = queries.as("user:bert").get("/api/accounts/tenant-b/events?limit=500");
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.body()).doesNotContain(SECRET).doesNotContain("tenant-a");
        Http.Response list = queries.as("user:bert").get("/api/accounts/tenant-b/entities/ticket?limit=500");
        assertThat(list.body()).doesNotContain(SECRET);
    }

    private static void assertUnchanged() {
        Http.Response entity = queries.as("user:anna").get("/api/accounts/tenant-a/entities/ticket/T-1");
        assertThat(entity.json().path("version").asLong()).isEqualTo(1);
        Http.Response actors = queries.as("user:anna").get("/api/accounts/tenant-a/events?limit=500");
        assertThat(actors.body()).doesNotContain("user:mole");
    }
}
