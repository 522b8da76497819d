package io.operadb.launcher;

import io.operadb.signing.TestIdentities;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in coin module through both HTTP APIs, as the issue tells it: an account with two actors A and B; A creates
 * coin TCN with supply 1000 to A; A transfers 300 to B; A mints 200 to A; B burns 100; A approves B for 150; B
 * transfers 100 from A to B. Then A holds 800, B 300, B's allowance from A is 50 and the total supply 1100; B cannot
 * mint, A cannot transfer 10,000, B cannot transferFrom 51 more. A replay rebuilds every read model and every figure
 * is unchanged. No schema is published by the test: the module comes with the account.
 */
class CoinEndToEndTest {

    private static final String ACCOUNT = "coins";
    private static final String A = "user:a";
    private static final String B = "user:b";
    private static final String COIN = "/api/accounts/" + ACCOUNT + "/entities/coin";

    private static Http commands;
    private static Http queries;

    @BeforeAll
    static void setUp() {
        commands = SharedOperaDb.commands();
        queries = SharedOperaDb.queries().as(A);
        assertThat(commands.as("user:owner").post("/api/accounts",
                "{\"account\":\"" + ACCOUNT + "\",\"owner\":{\"actorId\":\"user:owner\",\"keys\":"
                        + TestIdentities.keysJson("user:owner") + "}}").status()).isEqualTo(201);
        for (String actor : List.of(A, B)) {
            assertThat(commands.as("user:owner").post("/api/accounts/" + ACCOUNT + "/actors",
                    "{\"actorId\":\"" + actor + "\",\"roles\":[],\"keys\":" + TestIdentities.keysJson(actor) + "}").status()).isEqualTo(201);
        }
    }

    private static long act(String actor, String action, String data) {
        Http.Response response = commands.as(actor).post(COIN + "/TCN/" + action, "{\"data\":" + data + "}");
        assertThat(response.status()).as("%s by %s: %s", action, actor, response).isEqualTo(200);
        return response.json().get("version").asLong();
    }

    private static Http.Response refused(String actor, String action, String data, int status) {
        Http.Response response = commands.as(actor).post(COIN + "/TCN/" + action, "{\"data\":" + data + "}");
        assertThat(response.status()).as("%s by %s: %s", action, actor, response).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        return response;
    }

    @Test
    void the_coin_flow_of_the_issue_gives_every_figure_and_a_replay_gives_them_again() throws Exception {
        JsonNode schemas = queries.get("/api/accounts/" + ACCOUNT + "/schemas").json();
        assertThat(schemas.get("items")).anySatisfy(s -> {
            assertThat(s.get("schemaId").asText()).isEqualTo("coin");
            assertThat(s.get("version").asInt()).isEqualTo(1);
            assertThat(s.get("publishedBy").asText()).isEqualTo("system:operadb");
        });

        Http.Response created = commands.as(A).post(COIN,
                "{\"id\":\"TCN\",\"data\":{\"symbol\":\"TCN\",\"decimals\":2,\"totalSupply\":1000}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        act(A, "transfer", "{\"to\":\"user:b\",\"amount\":300}");
        act(A, "mint", "{\"to\":\"user:a\",\"amount\":200}");
        act(B, "burn", "{\"amount\":100}");
        act(A, "approve", "{\"spender\":\"user:b\",\"amount\":150}");
        long version = act(B, "transferFrom", "{\"from\":\"user:a\",\"to\":\"user:b\",\"amount\":100}");
        assertThat(version).isEqualTo(6);

        refused(B, "mint", "{\"to\":\"user:b\",\"amount\":1}", 403);
        assertThat(refused(A, "transfer", "{\"to\":\"user:b\",\"amount\":10000}", 422).json().get("detail").asText())
                .startsWith("insufficient balance");
        assertThat(refused(B, "transferFrom", "{\"from\":\"user:a\",\"to\":\"user:b\",\"amount\":51}", 422).json()
                .get("detail").asText()).startsWith("insufficient allowance");
        assertThat(commands.as(A).post(COIN, "{\"id\":\"TCN2\",\"data\":{\"symbol\":\"TCN\",\"decimals\":0,"
                + "\"totalSupply\":1}}").status()).as("the symbol is taken").isEqualTo(409);

        List<String> before = figures(version);
        assertThat(before).containsExactly("A=800", "B=300", "allowance=50", "totalSupply=1100", "creator=user:a",
                "coinsOfB=[TCN]", "coinsOfA=[TCN]", "events=6");

        Http admin = SharedOperaDb.queries().as("user:owner").inAccount(ACCOUNT);
        Http.Response started = admin.post("/api/admin/replay", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        awaitReplay(admin);

        assertThat(figures(version)).isEqualTo(before);
    }

    @Test
    void amounts_are_exact_and_respect_the_coins_decimals() {
        Http.Response created = commands.as(A).post(COIN,
                "{\"id\":\"CENT\",\"data\":{\"symbol\":\"CENT\",\"decimals\":2,\"totalSupply\":\"1\"}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String cent = COIN + "/CENT/";
        assertThat(commands.as(A).post(cent + "transfer", "{\"data\":{\"to\":\"user:c\",\"amount\":0.1}}").status())
                .isEqualTo(200);
        assertThat(commands.as(A).post(cent + "transfer", "{\"data\":{\"to\":\"user:c\",\"amount\":0.2}}").status())
                .isEqualTo(200);
        Http.Response tooPrecise = commands.as(A).post(cent + "transfer",
                "{\"data\":{\"to\":\"user:c\",\"amount\":\"0.001\"}}");
        assertThat(tooPrecise.status()).isEqualTo(422);
        assertThat(tooPrecise.json().get("detail").asText()).contains("decimal places");

        JsonNode coin = queries.get(COIN + "/CENT?minVersion=3").json().get("state");
        assertThat(coin.get("balances").get("user:c").asText()).isEqualTo("0.3");
        assertThat(coin.get("balances").get(A).asText()).isEqualTo("0.7");
        assertThat(coin.get("totalSupply").asText()).isEqualTo("1");
    }

    /** Every figure the issue names, read back through the generic query API. */
    private static List<String> figures(long version) {
        JsonNode coin = queries.get(COIN + "/TCN?minVersion=" + version).json();
        assertThat(coin.get("version").asLong()).isEqualTo(version);
        JsonNode state = coin.get("state");
        List<String> out = new ArrayList<>();
        out.add("A=" + state.get("balances").get(A).asText());
        out.add("B=" + state.get("balances").get(B).asText());
        out.add("allowance=" + state.get("allowances").get(A).get(B).asText());
        out.add("totalSupply=" + state.get("totalSupply").asText());
        out.add("creator=" + state.get("creator").asText());
        out.add("coinsOfB=" + ids(queries.get(COIN + "?state.balances." + B + "%5Bgt%5D=0&sort=id").json()));
        out.add("coinsOfA=" + ids(queries.get(COIN + "?state.balances." + A + "%5Bgte%5D=800&sort=id").json()));
        out.add("events=" + queries.get(COIN + "/TCN/events").json().get("items").size());
        return out;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    static void awaitReplay(Http admin) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            status = admin.get("/api/admin/replay").json();
            if (status.path("lastReplay").path("finished").asBoolean(false)
                    && "live".equals(status.path("state").asText())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the replay did not finish: " + status);
    }
}
