package io.operadb.query.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.query.support.QueryClient.Response;
import io.operadb.query.support.SharedQuerySideTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An account's schemas: each with its latest version, and every version's document as it was published. */
class SchemaQueryTest extends SharedQuerySideTest {

    private static final Instant V1_AT = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant V2_AT = Instant.parse("2026-03-02T08:00:00.250Z");

    private String account;
    private String base;

    @BeforeEach
    void anAccountWithTwoSchemas() {
        account = newAccount("schemas");
        base = "/api/accounts/" + account;
        commands.createAccount(account, ALICE);
        commands.publishSchema(account, resource("ticket-v1.json"), ALICE, V1_AT);
        commands.publishSchema(account, resource("coin-v1.json"), BOB, V1_AT.plusSeconds(5));
        commands.publishSchema(account, resource("ticket-v2.json"), BOB, V2_AT);
        awaitProjections();
    }

    @Test
    void theListHasEverySchemaWithItsLatestVersion() {
        Response list = http.get(base + "/schemas");

        assertThat(list.status()).as(list.text()).isEqualTo(200);
        List<JsonNode> items = list.items();
        assertThat(items).hasSize(2);
        assertThat(items.stream().map(i -> i.path("schemaId").asText() + " v" + i.path("version").asInt()).toList())
                .containsExactly("coin v1", "ticket v2");
        JsonNode ticket = items.get(1);
        assertThat(ticket.path("description").asText()).isEqualTo("A support ticket, with priorities");
        assertThat(Instant.parse(ticket.path("publishedAt").asText())).isEqualTo(V2_AT);
        assertThat(ticket.path("publishedBy").asText()).isEqualTo(BOB);
    }

    @Test
    void theLatestDocumentIsServedExactlyAsPublished() {
        Response latest = http.get(base + "/schemas/ticket");

        assertThat(latest.status()).as(latest.text()).isEqualTo(200);
        assertThat(latest.contentType()).startsWith("application/json");
        assertThat(latest.body()).isEqualTo(resource("ticket-v2.json"));
        assertThat(latest.text()).contains("\"max\":1000000.25");
    }

    @Test
    void numbersInThePublishedDocumentKeepTheirExactForm() {
        Response latest = http.get(base + "/schemas/ticket");

        assertThat(latest.text()).contains("\"min\":0.50").contains("\"max\":100.0").doesNotContain("1E+2");
    }

    @Test
    void eachVersionIsServedAsPublished() {
        assertThat(http.get(base + "/schemas/ticket/versions/1").body()).isEqualTo(resource("ticket-v1.json"));
        assertThat(http.get(base + "/schemas/ticket/versions/2").body()).isEqualTo(resource("ticket-v2.json"));
        assertThat(http.get(base + "/schemas/coin/versions/1").body()).isEqualTo(resource("coin-v1.json"));
    }

    @Test
    void unknownSchemasVersionsAndAccountsAre404() {
        Response unknownSchema = http.get(base + "/schemas/nosuch");
        assertThat(unknownSchema.status()).isEqualTo(404);
        assertThat(unknownSchema.isProblem()).isTrue();
        assertThat(unknownSchema.problemType()).endsWith("/unknown-schema");

        Response unknownVersion = http.get(base + "/schemas/ticket/versions/3");
        assertThat(unknownVersion.status()).isEqualTo(404);
        assertThat(unknownVersion.isProblem()).isTrue();
        assertThat(http.get(base + "/schemas/ticket/versions/0").status()).isEqualTo(404);
        assertThat(http.get(base + "/schemas/nosuch/versions/1").status()).isEqualTo(404);

        Response notANumber = http.get(base + "/schemas/ticket/versions/two");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.isProblem()).isTrue();

        for (String path : List.of("/schemas", "/schemas/ticket", "/schemas/ticket/versions/1")) {
            Response unknownAccount = withToken(account, ALICE).get("/api/accounts/no-such-account" + path);
            assertThat(unknownAccount.status()).as(path).isEqualTo(404);
            assertThat(unknownAccount.problemType()).as(path).endsWith("/unknown-account");
        }
    }

    @Test
    void anAccountWithoutSchemasListsNone() {
        String empty = newAccount("empty");
        commands.createAccount(empty, ALICE);
        awaitProjections();
        Response list = http.get("/api/accounts/" + empty + "/schemas");
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        assertThat(list.items()).isEmpty();
    }

    @Test
    void entitiesOfBothVersionsAreServedUnderTheirOwnVersion() {
        commands.useSchema(account, resource("ticket-v1.json"));
        commands.create(account, "ticket", "old", "{`title`: `v1`}", ALICE);
        commands.useSchema(account, resource("ticket-v2.json"));
        commands.create(account, "ticket", "new", "{`title`: `v2`}", ALICE);
        commands.run(account, "ticket", "new", "prioritize", "{`priority`: `high`}", ALICE);
        awaitProjections();

        assertThat(http.get(base + "/entities/ticket/old").body().path("schemaVersion").asInt()).isEqualTo(1);
        JsonNode fresh = http.get(base + "/entities/ticket/new").body();
        assertThat(fresh.path("schemaVersion").asInt()).isEqualTo(2);
        assertThat(fresh.path("state").path("priority").asText()).isEqualTo("high");
        assertThat(http.get(base + "/entities/ticket?state.priority=high").itemIds()).containsExactly("new");
    }
}
