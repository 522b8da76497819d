package io.operadb.query.entity;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.query.support.QueryClient.Response;
import io.operadb.query.support.SharedQuerySideTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.operadb.query.support.QueryClient.enc;
import static org.assertj.core.api.Assertions.assertThat;

/** Reading one entity: its current state, read-your-writes, and past states rebuilt from its events. */
class EntityReadTest extends SharedQuerySideTest {

    private static final Instant OPENED = Instant.parse("2026-01-10T09:00:00.123Z");
    private static final Instant ASSIGNED = Instant.parse("2026-01-10T10:30:00Z");
    private static final Instant REPRICED = Instant.parse("2026-01-11T08:00:00.500Z");

    private String account;
    private String base;

    @BeforeEach
    void anAccountWithTheTicketSchema() {
        account = newAccount("read");
        base = "/api/accounts/" + account;
        commands.createAccount(account, ALICE);
        commands.publishSchema(account, resource("ticket-v1.json"));
    }

    /** A ticket opened by alice, assigned by bob, then repriced by a wallet: versions 1, 2, 3. */
    private void aTicketWithThreeEvents(String id) {
        commands.create(account, "ticket", id, "{`title`: `Printer on fire`, `price`: `800.25`}", ALICE, OPENED);
        commands.run(account, "ticket", id, "assign", "{`assignee`: `user:carol`}", BOB, ASSIGNED);
        commands.run(account, "ticket", id, "reprice", "{`price`: 1000.50}",
                "0xAbCdEf0123456789aBcDeF0123456789AbCdEf01", REPRICED);
    }

    @Test
    void anEntityIsServedInTheContractShapeWithDecimalsAsStrings() {
        aTicketWithThreeEvents("t-1");

        Response read = http.get(base + "/entities/ticket/t-1?minVersion=3");

        assertThat(read.status()).as(read.text()).isEqualTo(200);
        JsonNode body = read.body();
        List<String> keys = new ArrayList<>();
        body.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("account", "schema", "id", "schemaVersion", "version", "state",
                "createdAt", "createdBy", "updatedAt", "updatedBy");
        assertThat(body.path("account").asText()).isEqualTo(account);
        assertThat(body.path("schema").asText()).isEqualTo("ticket");
        assertThat(body.path("id").asText()).isEqualTo("t-1");
        assertThat(body.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(body.path("version").isIntegralNumber()).isTrue();
        assertThat(body.path("version").asLong()).isEqualTo(3);
        assertThat(Instant.parse(body.path("createdAt").asText())).isEqualTo(OPENED);
        assertThat(body.path("createdBy").asText()).isEqualTo(ALICE);
        assertThat(Instant.parse(body.path("updatedAt").asText())).isEqualTo(REPRICED);
        assertThat(body.path("updatedBy").asText()).isEqualTo("0xabcdef0123456789abcdef0123456789abcdef01");

        JsonNode state = body.path("state");
        assertThat(state.path("title").asText()).isEqualTo("Printer on fire");
        assertThat(state.path("status").asText()).isEqualTo("assigned");
        assertThat(state.path("assignee").asText()).isEqualTo("user:carol");
        assertThat(state.path("points").isIntegralNumber()).isTrue();
        assertThat(state.path("points").asLong()).isZero();
        assertThat(state.path("price").isTextual()).as("a decimal is served as a JSON string").isTrue();
        assertThat(state.path("price").asText()).isEqualTo("1000.5");
        assertThat(state.has("label")).isFalse();
        assertThat(read.etag()).contains("3");
    }

    @Test
    void aDecimalKeepsItsExactDigits() {
        commands.create(account, "ticket", "d-1", "{`title`: `exact`, `price`: `800.25`}", ALICE);
        commands.create(account, "ticket", "d-2", "{`title`: `exact`, `price`: 0.1}", ALICE);
        commands.create(account, "ticket", "d-3", "{`title`: `exact`, `price`: `12345678901234.5678`}", ALICE);

        assertThat(http.get(base + "/entities/ticket/d-1?minVersion=1").body().path("state").path("price").asText())
                .isEqualTo("800.25");
        assertThat(http.get(base + "/entities/ticket/d-2?minVersion=1").body().path("state").path("price").asText())
                .isEqualTo("0.1");
        assertThat(http.get(base + "/entities/ticket/d-3?minVersion=1").body().path("state").path("price").asText())
                .isEqualTo("12345678901234.5678");
    }

    @Test
    void anUnknownEntitySchemaOrAccountIsA404Problem() {
        commands.create(account, "ticket", "known", "{`title`: `x`}", ALICE);
        assertThat(http.get(base + "/entities/ticket/known?minVersion=1").status()).isEqualTo(200);

        Response entity = http.get(base + "/entities/ticket/nope");
        assertThat(entity.status()).isEqualTo(404);
        assertThat(entity.isProblem()).as(entity.contentType()).isTrue();
        assertThat(entity.problemType()).endsWith("/unknown-entity");
        assertThat(entity.body().path("status").asInt()).isEqualTo(404);

        Response schema = http.get(base + "/entities/nosuch/known");
        assertThat(schema.status()).isEqualTo(404);
        assertThat(schema.isProblem()).isTrue();
        assertThat(schema.problemType()).endsWith("/unknown-schema");

        Response unknownAccount = withToken(account, ALICE).get("/api/accounts/no-such-account/entities/ticket/known");
        assertThat(unknownAccount.status()).isEqualTo(404);
        assertThat(unknownAccount.isProblem()).isTrue();
        assertThat(unknownAccount.problemType()).endsWith("/unknown-account");
    }

    @Test
    void aQueryWithoutCredentialsIs401AndSoIsAMalformedActor() {
        commands.create(account, "ticket", "t-1", "{`title`: `x`}", ALICE);

        Response anonymous = http.anonymous().get(base + "/entities/ticket/t-1");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.isProblem()).isTrue();
        assertThat(anonymous.problemType()).endsWith("/not-authenticated");

        for (String path : List.of(base + "/entities/ticket", base + "/entities/ticket/t-1/events", base + "/events",
                base + "/schemas", base + "/schemas/ticket", base + "/schemas/ticket/versions/1", "/api/admin/replay")) {
            assertThat(http.anonymous().get(path).status()).as(path).isEqualTo(401);
        }
        assertThat(http.anonymous().post("/api/admin/replay").status()).isEqualTo(401);

        Response malformed = http.as("not an actor").get(base + "/entities/ticket/t-1");
        assertThat(malformed.status()).isEqualTo(401);
        assertThat(malformed.text()).contains("X-OperaDB-Actor");
    }

    @Test
    void minVersionWaitsForTheProjectionAndReturnsThatVersion() throws Exception {
        commands.create(account, "ticket", "t-1", "{`title`: `x`}", ALICE);
        assertThat(http.get(base + "/entities/ticket/t-1?minVersion=1").body().path("version").asLong()).isEqualTo(1);

        CompletableFuture<Void> laterWrites = CompletableFuture.runAsync(() -> {
            sleep(400);
            commands.run(account, "ticket", "t-1", "bump", "{}", BOB);
            sleep(200);
            commands.run(account, "ticket", "t-1", "bump", "{}", BOB);
        });
        Response read = http.get(base + "/entities/ticket/t-1?minVersion=3");
        laterWrites.get(10, TimeUnit.SECONDS);

        assertThat(read.status()).as(read.text()).isEqualTo(200);
        assertThat(read.body().path("version").asLong()).isEqualTo(3);
        assertThat(read.body().path("state").path("points").asLong()).isEqualTo(2);
        assertThat(read.body().path("updatedBy").asText()).isEqualTo(BOB);
    }

    @Test
    void minVersionThatNeverArrivesIsA503AfterABoundedWait() {
        commands.create(account, "ticket", "t-1", "{`title`: `x`}", ALICE);
        long started = System.nanoTime();

        Response read = http.get(base + "/entities/ticket/t-1?minVersion=7");

        assertThat(read.status()).isEqualTo(503);
        assertThat(read.problemType()).endsWith("/projection-behind");
        assertThat((System.nanoTime() - started) / 1_000_000).isBetween(1_000L, 15_000L);
        assertThat(http.get(base + "/entities/ticket/t-1?minVersion=abc").status()).isEqualTo(400);
    }

    @Test
    void minVersionOnAnEntityThatDoesNotExistIs404OnceTheProjectionIsCurrent() {
        commands.create(account, "ticket", "t-1", "{`title`: `x`}", ALICE);

        Response read = http.get(base + "/entities/ticket/no-such-ticket?minVersion=1");

        assertThat(read.status()).isEqualTo(404);
        assertThat(read.problemType()).endsWith("/unknown-entity");
    }

    @Test
    void atVersionRightAfterTheWriteWaitsForTheProjectionInsteadOfAnswering404() {
        commands.create(account, "ticket", "t-9", "{`title`: `fresh`}", ALICE);

        Response read = http.get(base + "/entities/ticket/t-9?atVersion=1");

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("state").path("title").asText()).isEqualTo("fresh");
    }

    @Test
    void atVersionRebuildsAPastStateFromTheEvents() {
        aTicketWithThreeEvents("t-1");
        awaitVersion("t-1", 3);

        JsonNode v1 = http.get(base + "/entities/ticket/t-1?atVersion=1").body();
        assertThat(v1.path("version").asLong()).isEqualTo(1);
        assertThat(v1.path("state").path("status").asText()).isEqualTo("open");
        assertThat(v1.path("state").path("price").asText()).isEqualTo("800.25");
        assertThat(v1.path("state").has("assignee")).isFalse();
        assertThat(Instant.parse(v1.path("createdAt").asText())).isEqualTo(OPENED);
        assertThat(Instant.parse(v1.path("updatedAt").asText())).isEqualTo(OPENED);
        assertThat(v1.path("updatedBy").asText()).isEqualTo(ALICE);

        JsonNode v2 = http.get(base + "/entities/ticket/t-1?atVersion=2").body();
        assertThat(v2.path("version").asLong()).isEqualTo(2);
        assertThat(v2.path("state").path("assignee").asText()).isEqualTo("user:carol");
        assertThat(v2.path("state").path("price").asText()).isEqualTo("800.25");
        assertThat(v2.path("updatedBy").asText()).isEqualTo(BOB);

        JsonNode v3 = http.get(base + "/entities/ticket/t-1?atVersion=3").body();
        assertThat(v3).isEqualTo(http.get(base + "/entities/ticket/t-1").body());
    }

    @Test
    void atVersionOutOfRangeIs404AndMalformedIs400() {
        aTicketWithThreeEvents("t-1");
        awaitVersion("t-1", 3);

        Response beyond = http.get(base + "/entities/ticket/t-1?atVersion=4");
        assertThat(beyond.status()).isEqualTo(404);
        assertThat(beyond.isProblem()).isTrue();

        Response zero = http.get(base + "/entities/ticket/t-1?atVersion=0");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.errorPaths()).containsExactly("query.atVersion");

        Response words = http.get(base + "/entities/ticket/t-1?atVersion=three");
        assertThat(words.status()).isEqualTo(400);
        assertThat(words.errorPaths()).as(words.text()).containsExactly("query.atVersion");

        assertThat(http.get(base + "/entities/ticket/nope?atVersion=1").status()).isEqualTo(404);
        assertThat(http.get(base + "/entities/ticket/t-1?atVersion=1&asOf=" + enc(OPENED.toString())).status())
                .isEqualTo(400);
    }

    @Test
    void asOfRebuildsTheStateAsItWasAtThatInstant() {
        aTicketWithThreeEvents("t-1");
        awaitVersion("t-1", 3);

        assertThat(asOf("t-1", "2026-01-10T09:00:00.123Z").path("version").asLong()).isEqualTo(1);
        assertThat(asOf("t-1", "2026-01-10T10:29:59.999Z").path("version").asLong()).isEqualTo(1);
        assertThat(asOf("t-1", "2026-01-10T10:30:00Z").path("version").asLong()).isEqualTo(2);
        JsonNode withOffset = asOf("t-1", "2026-01-10T12:30:00+02:00");
        assertThat(withOffset.path("version").asLong()).as("12:30+02:00 is 10:30Z").isEqualTo(2);
        assertThat(withOffset.path("state").path("assignee").asText()).isEqualTo("user:carol");
        JsonNode latest = asOf("t-1", "2030-01-01T00:00:00Z");
        assertThat(latest.path("version").asLong()).isEqualTo(3);
        assertThat(latest.path("state").path("price").asText()).isEqualTo("1000.5");
    }

    @Test
    void asOfBeforeTheEntityExistedIs404AndAMalformedInstantIs400() {
        aTicketWithThreeEvents("t-1");
        awaitVersion("t-1", 3);

        Response before = http.get(base + "/entities/ticket/t-1?asOf=" + enc("2026-01-10T09:00:00.122Z"));
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.isProblem()).isTrue();

        for (String bad : List.of("yesterday", "2026-01-10", "2026-01-10T10:30:00", "2026-13-01T00:00:00Z")) {
            Response malformed = http.get(base + "/entities/ticket/t-1?asOf=" + enc(bad));
            assertThat(malformed.status()).as(bad).isEqualTo(400);
            assertThat(malformed.errorPaths()).as(bad).containsExactly("query.asOf");
        }
    }

    private JsonNode asOf(String id, String instant) {
        Response response = http.get(base + "/entities/ticket/" + id + "?asOf=" + enc(instant));
        assertThat(response.status()).as(instant + ": " + response.text()).isEqualTo(200);
        return response.body();
    }

    private void awaitVersion(String id, long version) {
        Response read = http.get(base + "/entities/ticket/" + id + "?minVersion=" + version);
        assertThat(read.status()).as(read.text()).isEqualTo(200);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
