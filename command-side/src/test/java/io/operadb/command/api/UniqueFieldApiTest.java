package io.operadb.command.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.unique.UniqueValueClaimedEvent;
import io.operadb.api.unique.UniqueValueReleasedEvent;
import io.operadb.command.unique.UniqueValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.operadb.command.api.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code "unique": true} fields over HTTP: the coin's symbol and the actor profile's actorId. */
class UniqueFieldApiTest extends CommandApiTest {

    @Autowired
    UniqueValues uniqueValues;

    private HttpApi.Response createCoin(String account, String id, String symbol) {
        return api.post("/api/accounts/" + account + "/entities/coin", OWNER,
                json("{`id`:`" + id + "`,`data`:{`symbol`:`" + symbol + "`,`decimals`:2,`totalSupply`:10}}"));
    }

    @Test
    void a_second_coin_with_a_taken_symbol_is_409_duplicate_naming_the_field_and_writes_nothing() {
        String account = accountWithActors();
        expectStatus(createCoin(account, "c1", "TCN"), 201);

        JsonNode problem = expectProblem(createCoin(account, "c2", "TCN"), 409, "duplicate");
        assertThat(errorPaths(problem)).containsExactly("state.symbol");
        assertThat(problem.path("detail").asText()).contains("TCN").contains("c1");
        assertThat(storedEvents(account, "coin", "c2")).isEmpty();
        assertThat(eventStore.readEvents(AggregateIds.unique(account, "coin", "symbol", "TCN"), 0L).asStream()
                .map(m -> m.getPayload()).toList()).singleElement().isInstanceOf(UniqueValueClaimedEvent.class);

        expectStatus(createCoin(account, "c2", "TCM"), 201);
        assertThat(uniqueValues.holder(account, "coin", "symbol", "TCM")).contains("c2");
    }

    @Test
    void symbols_are_unique_per_account_only() {
        expectStatus(createCoin(accountWithActors(), "c1", "EUR"), 201);
        expectStatus(createCoin(accountWithActors(), "c1", "EUR"), 201);
    }

    @Test
    void a_refused_creation_claims_nothing() {
        String account = accountWithActors();
        expectProblem(api.post("/api/accounts/" + account + "/entities/coin", OWNER,
                json("{`id`:`c1`,`data`:{`symbol`:`ABC`,`decimals`:2,`totalSupply`:0}}")), 422, "guard-failed");
        assertThat(uniqueValues.holder(account, "coin", "symbol", "ABC")).isEmpty();
        expectStatus(createCoin(account, "c2", "ABC"), 201);
    }

    @Test
    void a_retried_create_with_its_idempotency_key_is_not_a_duplicate() {
        String account = accountWithActors();
        String body = json("{`data`:{`symbol`:`IDEM`,`decimals`:0,`totalSupply`:1}}");
        HttpApi.Response first = expectStatus(api.post("/api/accounts/" + account + "/entities/coin", OWNER, body,
                "Idempotency-Key", "k1"), 201);
        HttpApi.Response retry = expectStatus(api.post("/api/accounts/" + account + "/entities/coin", OWNER, body,
                "Idempotency-Key", "k1"), 201);
        assertThat(retry.json()).isEqualTo(first.json());
    }

    @Test
    void one_profile_per_actor() {
        String account = accountWithActors();
        expectStatus(api.post("/api/accounts/" + account + "/entities/actor", BOB,
                json("{`id`:`user:bob`,`data`:{`name`:`Bob`}}")), 201);
        JsonNode problem = expectProblem(api.post("/api/accounts/" + account + "/entities/actor", BOB,
                json("{`id`:`bob-2`,`data`:{`name`:`Bob again`}}")), 409, "duplicate");
        assertThat(errorPaths(problem)).containsExactly("state.actorId");
    }

    @Test
    void many_clients_racing_for_one_symbol_get_exactly_one_coin() throws Exception {
        String account = accountWithActors();
        int clients = 12;
        CyclicBarrier start = new CyclicBarrier(clients);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String id = "race-" + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return createCoin(account, id, "RACE").status();
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).allMatch(s -> s == 201 || s == 409);
        } finally {
            pool.shutdownNow();
        }
        String holder = uniqueValues.holder(account, "coin", "symbol", "RACE").orElseThrow();
        for (int i = 0; i < clients; i++) {
            assertThat(storedEvents(account, "coin", "race-" + i)).hasSize(holder.equals("race-" + i) ? 1 : 0);
        }
        assertThat(eventStore.readEvents(AggregateIds.unique(account, "coin", "symbol", "RACE"), 0L).asStream()
                .filter(m -> !(m.getPayload() instanceof UniqueValueReleasedEvent)).count()).isEqualTo(1);
    }
}
