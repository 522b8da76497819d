package io.operadb.query.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.entity.WireValues;
import io.operadb.query.readmodel.ReadModelGenerations;
import io.operadb.query.support.CommandSideStandIn;
import io.operadb.query.support.QueryClient.Response;
import io.operadb.query.support.QuerySideTestSupport;
import io.operadb.query.support.TestMongo;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An entity with events from three schema versions (stock v1 → v2 renames qty and adds a unit → v3 turns kg into
 * exact grams): the projection carries its state through the migrations at each newer event, agrees with the state
 * the command side decided, time travel shows each version's own shape, and a replay rebuilds exactly the same.
 */
@DirtiesContext
class SchemaEvolutionReplayTest extends QuerySideTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    private ReadModelGenerations generations;

    private static final String DATABASE_URI = TestMongo.freshDatabaseUri("qtest-evolution");

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", () -> DATABASE_URI);
    }

    @Test
    void anEntityWithEventsOfThreeSchemaVersionsReducesToTheSameStateBeforeAndAfterAReplay() {
        String account = newAccount("evolve");
        String base = "/api/accounts/" + account + "/entities/stock/";
        commands.createAccount(account, ALICE);
        http = http.inAccount(account); // alice, the account's admin, is an operator in these tests
        commands.publishSchema(account, resource("stock-v1.json"));
        commands.create(account, "stock", "S-1", "{`name`:`flour`,`qty`:3}", ALICE);
        commands.run(account, "stock", "S-1", "add", "{`n`:2}", BOB);
        commands.create(account, "stock", "S-2", "{`name`:`salt`,`qty`:4}", ALICE);
        commands.publishSchema(account, resource("stock-v2.json"));
        commands.run(account, "stock", "S-1", "add", "{`n`:1}", BOB);
        commands.publishSchema(account, resource("stock-v3.json"));
        commands.run(account, "stock", "S-1", "add", "{`n`:`0.5`}", BOB);
        commands.run(account, "stock", "S-1", "annotate", "{`note`:`sifted`}", ALICE);
        awaitProjections();

        JsonNode s1 = http.get(base + "S-1").body();
        assertThat(s1.path("schemaVersion").asInt()).isEqualTo(3);
        assertThat(s1.path("version").asLong()).isEqualTo(5);
        // 3 + 2 kg (v1), + 1 kg (v2) = 6 kg = 6000 g (v3), + 0.5 g
        assertThat(new BigDecimal(s1.path("state").path("quantity").asText())).isEqualByComparingTo("6000.5");
        assertThat(fieldNames(s1.path("state"))).containsExactlyInAnyOrder("name", "quantity", "unit", "note");
        // the read model holds what the command side decided (the aggregate's path: upcast, then decide)
        assertThat(s1.path("state")).isEqualTo(CommandSideStandIn.JSON.valueToTree(
                WireValues.toWire(commands.view(account, "stock", "S-1").state())));

        // an entity without newer events keeps its version (and its old shape) until its next event
        JsonNode s2 = http.get(base + "S-2").body();
        assertThat(s2.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(s2.path("state").path("qty").asLong()).isEqualTo(4);

        // time travel: each version as its own schema version shaped it
        JsonNode at2 = http.get(base + "S-1?atVersion=2").body();
        assertThat(at2.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(fieldNames(at2.path("state"))).containsExactlyInAnyOrder("name", "qty", "legacy");
        JsonNode at3 = http.get(base + "S-1?atVersion=3").body();
        assertThat(at3.path("schemaVersion").asInt()).isEqualTo(2);
        assertThat(at3.path("state").path("quantity").asLong()).isEqualTo(6);
        assertThat(at3.path("state").path("unit").asText()).isEqualTo("kg");

        // the audit diff names the migration's effects and the event whose folding carried them
        JsonNode diff = http.get(base + "S-1/diff?from=2&to=3").body();
        List<String> paths = new ArrayList<>();
        diff.path("changes").forEach(c -> paths.add(c.path("path").asText() + " " + c.path("kind").asText()));
        assertThat(paths).containsExactly("state.legacy removed", "state.qty removed", "state.quantity added",
                "state.unit added");
        assertThat(diff.path("fromSchemaVersion").asInt()).isEqualTo(1);
        assertThat(diff.path("toSchemaVersion").asInt()).isEqualTo(2);
        assertThat(diff.path("changes").get(2).path("changedBy").get(0).path("schemaVersion").asInt()).isEqualTo(2);

        List<Document> before = entities(account);
        JsonNode s1Before = http.get(base + "S-1").body();
        Response started = http.post("/api/admin/replay");
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        awaitReplayFinished();
        await("the rebuilt read models", Duration.ofSeconds(30), () -> entities(account).size() == before.size());

        assertThat(entities(account)).isEqualTo(before);
        assertThat(http.get(base + "S-1").body()).isEqualTo(s1Before);
        assertThat(http.get(base + "S-2").body()).isEqualTo(s2);

        // S-2's next event, under v3, carries it through both migrations at once: 4 kg → 4000 g, then + 1 g
        commands.run(account, "stock", "S-2", "add", "{`n`:1}", BOB);
        Response after = http.get(base + "S-2?minVersion=2");
        assertThat(after.body().path("schemaVersion").asInt()).isEqualTo(3);
        assertThat(new BigDecimal(after.body().path("state").path("quantity").asText())).isEqualByComparingTo("4001");
        assertThat(after.body().path("state").path("unit").asText()).isEqualTo("g");
        assertThat(after.body().path("state")).isEqualTo(CommandSideStandIn.JSON.valueToTree(
                WireValues.toWire(commands.view(account, "stock", "S-2").state())));
    }

    private List<Document> entities(String account) {
        List<Document> documents = new ArrayList<>();
        // the generation serving the account: a replay builds a new one and switches to it
        mongo.getCollection(generations.fresh().routes(account, "stock").entities())
                .find(new Document("account", account)).sort(new Document("_id", 1))
                .forEach(documents::add);
        return documents;
    }

    private void awaitReplayFinished() {
        await("the replay to finish", Duration.ofMinutes(2), () -> {
            JsonNode status = http.get("/api/admin/replay").body();
            return "live".equals(status.path("state").asText())
                    && status.path("lastReplay").path("finished").asBoolean();
        });
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
