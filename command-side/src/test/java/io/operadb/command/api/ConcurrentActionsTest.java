package io.operadb.command.api;

import io.operadb.api.entity.EntityEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static io.operadb.command.api.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients acting on ONE entity at once, through the HTTP API: optimistic concurrency must let exactly one of
 * them win each version, and the store must hold one event per success, numbered without gaps.
 */
class ConcurrentActionsTest extends CommandApiTest {

    static final int THREADS = 16;
    static final int ATTEMPTS_PER_THREAD = 4;

    record Attempt(long ifMatch, int status, long receiptVersion) {
    }

    @Test
    void sixteen_clients_with_if_match_never_win_the_same_version_and_the_store_has_no_gaps() throws Exception {
        String account = accountWithTickets();
        openTicket(account, "T-1", "Contended");

        List<Attempt> attempts = runConcurrently(thread -> {
            List<Attempt> mine = new ArrayList<>();
            for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
                long read = currentVersion(account, "T-1");
                HttpApi.Response response = api.post(action(account, "T-1", "assign"), LEAD,
                        json("{`data`:{`assignee`:`user:w" + thread + "-" + i + "`}}"), "If-Match", Long.toString(read));
                mine.add(new Attempt(read, response.status(),
                        response.status() == 200 ? response.json().path("version").asLong() : -1));
            }
            return mine;
        });

        assertThat(attempts).extracting(Attempt::status).allMatch(status -> status == 200 || status == 409,
                "every answer is 200 or 409");
        List<Attempt> successes = attempts.stream().filter(a -> a.status() == 200).toList();
        assertThat(successes).isNotEmpty();
        assertThat(successes).extracting(Attempt::ifMatch).doesNotHaveDuplicates();
        assertThat(successes).allSatisfy(a -> assertThat(a.receiptVersion()).isEqualTo(a.ifMatch() + 1));

        long finalVersion = currentVersion(account, "T-1");
        assertThat(finalVersion).isEqualTo(successes.size() + 1);
        assertGapless(account, "T-1", finalVersion);
    }

    @Test
    void sixteen_clients_without_if_match_all_succeed_one_version_each() throws Exception {
        String account = accountWithTickets();
        openTicket(account, "T-2", "Busy");

        List<Attempt> attempts = runConcurrently(thread -> {
            List<Attempt> mine = new ArrayList<>();
            for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
                HttpApi.Response response = api.post(action(account, "T-2", "assign"), LEAD,
                        json("{`data`:{`assignee`:`user:w" + thread + "-" + i + "`}}"));
                mine.add(new Attempt(-1, response.status(),
                        response.status() == 200 ? response.json().path("version").asLong() : -1));
            }
            return mine;
        });

        assertThat(attempts).extracting(Attempt::status).containsOnly(200);
        assertThat(attempts).extracting(Attempt::receiptVersion)
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(2, THREADS * ATTEMPTS_PER_THREAD + 1)
                        .boxed().toList());
        assertGapless(account, "T-2", THREADS * ATTEMPTS_PER_THREAD + 1);
    }

    @Test
    void sixteen_clients_creating_the_same_id_at_once_create_it_once() throws Exception {
        String account = accountWithTickets();

        List<Attempt> attempts = runConcurrently(thread -> {
            HttpApi.Response response = api.post(entities(account), LEAD,
                    json("{`id`:`T-race`,`data`:{`title`:`by " + thread + "`}}"));
            return List.of(new Attempt(-1, response.status(), -1));
        });

        assertThat(attempts).filteredOn(a -> a.status() == 201).hasSize(1);
        assertThat(attempts).filteredOn(a -> a.status() == 409).hasSize(THREADS - 1);
        assertGapless(account, "T-race", 1);
    }

    @Test
    void sixteen_concurrent_retries_of_one_create_get_one_receipt_and_one_event() throws Exception {
        String account = accountWithTickets();
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());

        List<Attempt> attempts = runConcurrently(thread -> {
            HttpApi.Response response = api.post(entities(account), LEAD, json("{`data`:{`title`:`once`}}"),
                    "Idempotency-Key", "same-create");
            bodies.add(response.body());
            return List.of(new Attempt(-1, response.status(), -1));
        });

        assertThat(attempts).extracting(Attempt::status).containsOnly(201);
        assertThat(bodies).hasSize(THREADS).containsOnly(bodies.get(0));
        String id = HttpApi.JSON.readTree(bodies.get(0)).path("id").asText();
        assertGapless(account, id, 1);
    }

    @Test
    void a_version_another_writer_already_stored_is_a_409_and_nothing_of_the_loser_is_stored() {
        String account = accountWithTickets();
        openTicket(account, "T-3", "Two writers");
        String aggregateId = io.operadb.api.naming.AggregateIds.entity(account, "ticket", "T-3");
        // another command-side process appends version 2 behind this one's back (its cached copy is still at 1)
        eventStore.publish(new org.axonframework.eventhandling.GenericDomainEventMessage<>("EntityAggregate",
                aggregateId, 1L, new EntityEvent("elsewhere", account, "ticket", 1, "T-3", "assign", "ticket.assign", 2,
                        LEAD, java.time.Instant.now(), java.util.Map.of("assignee", "user:other"), null)));

        expectProblem(api.post(action(account, "T-3", "assign"), LEAD, json("{`data`:{`assignee`:`user:bob`}}")),
                409, "version-conflict");
        assertGapless(account, "T-3", 2);

        HttpApi.Response retried = expectStatus(api.post(action(account, "T-3", "assign"), LEAD,
                json("{`data`:{`assignee`:`user:bob`}}")), 200);
        assertThat(retried.json().path("version").asLong()).isEqualTo(3);
        assertGapless(account, "T-3", 3);
    }

    interface Client {
        List<Attempt> run(int thread) throws Exception;
    }

    private List<Attempt> runConcurrently(Client client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<List<Attempt>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<List<Attempt>> task = () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return client.run(thread);
                };
                futures.add(pool.submit(task));
            }
            List<Attempt> all = Collections.synchronizedList(new ArrayList<>());
            for (Future<List<Attempt>> future : futures) {
                all.addAll(future.get(60, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The version a client would read: the entity's version after its last stored event. */
    private long currentVersion(String account, String id) {
        return eventStore.lastSequenceNumberFor(io.operadb.api.naming.AggregateIds.entity(account, "ticket", id))
                .map(sequence -> sequence + 1).orElse(0L);
    }

    private void assertGapless(String account, String id, long finalVersion) {
        List<? extends DomainEventMessage<?>> events = storedEvents(account, "ticket", id);
        assertThat(events).hasSize((int) finalVersion);
        assertThat(events).extracting(DomainEventMessage::getSequenceNumber)
                .containsExactlyElementsOf(LongStream.range(0, finalVersion).boxed().toList());
        assertThat(events).extracting(event -> ((EntityEvent) event.getPayload()).version())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, finalVersion).boxed().toList());
    }
}
