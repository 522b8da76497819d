package io.operadb.launcher;

import io.operadb.signing.TestIdentities;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The general mechanism with every kind of field and step: exact decimals in a map, nested objects, arrays,
 * timestamps, wallet actors (case-insensitive), typed filters, and field rules checked on the resulting state.
 */
class LedgerEndToEndTest {

    /** A wallet actor, written in mixed case: the server compares addresses case-insensitively. */
    private static final String OWNER_NORMALISED = TestIdentities.wallet("ledger-owner");
    private static final String OWNER = "0x" + OWNER_NORMALISED.substring(2, 12).toUpperCase()
            + OWNER_NORMALISED.substring(12);

    private static Http owner;
    private static Http bob;
    private static Http reader;

    @BeforeAll
    static void setUp() throws Exception {
        Http commands = SharedOperaDb.commands();
        assertThat(commands.as(OWNER).post("/api/accounts",
                "{\"account\":\"bank\",\"owner\":{\"actorId\":\"" + OWNER + "\",\"keys\":"
                        + TestIdentities.keysJson(OWNER) + "}}").status()).isEqualTo(201);
        owner = commands.as(OWNER);
        bob = commands.as("user:bob");
        reader = SharedOperaDb.queries().as(OWNER_NORMALISED);
        assertThat(owner.post("/api/accounts/bank/actors",
                "{\"actorId\":\"user:bob\",\"keys\":" + TestIdentities.keysJson("user:bob") + "}").status()).isEqualTo(201);
        Http.Response published = owner.post("/api/accounts/bank/schemas", SnapshotEndToEndTest.resource("/ledger.json"));
        assertThat(published.status()).as(published.toString()).isEqualTo(201);
    }

    @Test
    void decimals_stay_exact_and_field_rules_hold_on_the_resulting_state() {
        assertThat(owner.post("/api/accounts/bank/entities/ledger",
                "{\"id\":\"L1\",\"data\":{\"name\":\"EUR\",\"supply\":\"1000.10\","
                        + "\"address\":{\"city\":\"Bern\",\"zip\":\"30000\"}}}").status()).isEqualTo(201);
        assertThat(owner.post("/api/accounts/bank/entities/ledger/L1/transfer",
                "{\"data\":{\"to\":\"user:bob\",\"amount\":0.1}}").status()).isEqualTo(200);
        assertThat(owner.post("/api/accounts/bank/entities/ledger/L1/transfer",
                "{\"data\":{\"to\":\"user:bob\",\"amount\":\"0.2\"}}").status()).isEqualTo(200);

        Http.Response overdraft = bob.post("/api/accounts/bank/entities/ledger/L1/transfer",
                "{\"data\":{\"to\":\"" + OWNER + "\",\"amount\":\"5\"}}");
        assertThat(overdraft.status()).isEqualTo(422);
        assertThat(overdraft.json().get("errors").get(0).get("path").asText()).isEqualTo("state.balances.user:bob");

        JsonNode ledger = reader.get("/api/accounts/bank/entities/ledger/L1?minVersion=3").json();
        assertThat(ledger.get("version").asLong()).isEqualTo(3);
        assertThat(ledger.get("state").get("balances").get("user:bob").asText()).isEqualTo("0.3");
        assertThat(ledger.get("state").get("balances").get(OWNER_NORMALISED).asText()).isEqualTo("999.8");
        assertThat(ledger.get("state").get("owner").asText()).isEqualTo(OWNER_NORMALISED);
        assertThat(ledger.get("state").get("openedAt").asText()).isEqualTo(ledger.get("createdAt").asText());
        assertThat(ledger.get("state").get("tags")).extracting(JsonNode::asText).containsExactly("new");
    }

    @Test
    void rules_on_nested_objects_and_who_may_act_are_enforced() {
        Http.Response badZip = owner.post("/api/accounts/bank/entities/ledger",
                "{\"id\":\"L2\",\"data\":{\"name\":\"CHF\",\"supply\":1,\"address\":{\"zip\":\"30\"}}}");
        assertThat(badZip.status()).isEqualTo(422);
        assertThat(badZip.json().get("errors").get(0).get("path").asText()).isEqualTo("state.address.zip");

        assertThat(owner.post("/api/accounts/bank/entities/ledger",
                "{\"id\":\"L3\",\"data\":{\"name\":\"USD\",\"supply\":\"7.5\"}}").status()).isEqualTo(201);
        assertThat(bob.post("/api/accounts/bank/entities/ledger/L3/tag", "{\"data\":{\"tag\":\"x\"}}").status())
                .isEqualTo(403);
        assertThat(owner.post("/api/accounts/bank/entities/ledger/L3/tag", "{\"data\":{\"tag\":\"gold\"}}").status())
                .isEqualTo(200);
        assertThat(owner.post("/api/accounts/bank/entities/ledger/L3/close", null).status()).isEqualTo(200);

        JsonNode closed = reader.get("/api/accounts/bank/entities/ledger/L3?minVersion=3").json();
        assertThat(closed.get("state").get("active").asBoolean()).isFalse();
        assertThat(closed.get("state").has("address")).isFalse();
        assertThat(closed.get("state").get("tags")).extracting(JsonNode::asText).containsExactly("gold");

        JsonNode gold = reader.get("/api/accounts/bank/entities/ledger?state.tags=gold&state.active=false"
                + "&state.balances." + OWNER_NORMALISED + "%5Bgte%5D=7.50").json();
        assertThat(gold.get("items")).extracting(e -> e.get("id").asText()).containsExactly("L3");
        JsonNode none = reader.get("/api/accounts/bank/entities/ledger?state.name%5Bne%5D=%24ne&state.name=%24ne")
                .json();
        assertThat(none.get("items")).isEmpty();
    }
}
