package io.operadb.query.projection;

import io.operadb.query.readmodel.ReadModels;
import io.operadb.query.support.QuerySideTestSupport;
import io.operadb.query.support.TestMongo;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight writers append concurrently, each to entities of its own and to entities all of them share, while the
 * projection runs. Afterwards the read model holds every event exactly once: each entity's version is its number of
 * events, its points the number of its bumps, and the event feed has exactly as many documents as were appended.
 */
@DirtiesContext
class ExactlyOnceUnderConcurrencyTest extends QuerySideTestSupport {

    private static final Logger log = LoggerFactory.getLogger(ExactlyOnceUnderConcurrencyTest.class);
    private static final String DATABASE_URI = TestMongo.freshDatabaseUri("qtest-concurrency");
    private static final int THREADS = 8;
    /** 2,500 gives the 20,000 events of the scenario; -Dconcurrency.eventsPerThread=... to scale it. */
    private static final int EVENTS_PER_THREAD = Integer.getInteger("concurrency.eventsPerThread", 2_500);
    private static final int SHARED_ENTITIES = 8;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", () -> DATABASE_URI);
    }

    @Autowired
    private ProjectionProgress progress;

    @Test
    void everyEventAppendedByEightConcurrentWritersIsProjectedExactlyOnce() throws Exception {
        String account = newAccount("race");
        commands.createAccount(account, ALICE);
        commands.publishSchema(account, resource("ticket-v1.json"));
        awaitProjections();
        long handledBefore = progress.handled();

        int ownEntitiesPerThread = Math.max(1, EVENTS_PER_THREAD / 100);
        int sharedEventsPerThread = EVENTS_PER_THREAD / 12;
        Map<String, AtomicLong> eventsPerEntity = new ConcurrentHashMap<>();
        ExecutorService writers = Executors.newFixedThreadPool(THREADS);
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            done.add(writers.submit(() -> {
                String actor = "svc:writer-" + thread;
                for (int n = 0; n < EVENTS_PER_THREAD; n++) {
                    String id;
                    if (n % 12 == 5 && n / 12 < sharedEventsPerThread) {
                        id = "shared-" + ((n / 12 + thread) % SHARED_ENTITIES);  // every writer touches these
                    } else {
                        id = "w" + thread + "-" + (n % ownEntitiesPerThread);
                    }
                    synchronized (lockOf(id)) {
                        if (commands.version(account, "ticket", id) == 0) {
                            commands.create(account, "ticket", id, "{`title`: `" + id + "`}", actor);
                        } else {
                            commands.run(account, "ticket", id, "bump", "{}", actor);
                        }
                    }
                    eventsPerEntity.computeIfAbsent(id, k -> new AtomicLong()).incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> writer : done) {
            writer.get(10, TimeUnit.MINUTES);
        }
        writers.shutdown();
        long total = (long) THREADS * EVENTS_PER_THREAD;
        double appendSeconds = (System.nanoTime() - started) / 1e9;
        log.info("{} writers appended {} events in {} s: {} events/s", THREADS, total, fmt(appendSeconds),
                Math.round(total / appendSeconds));
        assertThat(eventsPerEntity.values().stream().mapToLong(AtomicLong::get).sum()).isEqualTo(total);

        long lastLog = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (countEvents(account) < total || !allAtTheirVersion(account, eventsPerEntity)) {
            assertThat(System.nanoTime()).as("the projection did not catch up within 10 minutes; "
                    + countEvents(account) + " of " + total + " events projected").isLessThan(deadline);
            if (System.nanoTime() - lastLog > 10_000_000_000L) {
                log.info("{} of {} events projected after {} s", countEvents(account), total,
                        fmt((System.nanoTime() - started) / 1e9));
                lastLog = System.nanoTime();
            }
            Thread.sleep(100);
        }
        double projectedSeconds = (System.nanoTime() - started) / 1e9;
        log.info("all {} events projected {} s after the first append: {} events/s end to end ({} behind the writers)",
                total, fmt(projectedSeconds), Math.round(total / projectedSeconds),
                fmt(projectedSeconds - appendSeconds));

        assertThat(countEvents(account)).isEqualTo(total);
        Map<String, Document> entities = new HashMap<>();
        mongo.getCollection(ReadModels.ENTITIES).find(new Document("account", account))
                .forEach(d -> entities.put(d.getString("id"), d));
        assertThat(entities.keySet()).containsExactlyInAnyOrderElementsOf(eventsPerEntity.keySet());
        eventsPerEntity.forEach((id, events) -> {
            Document entity = entities.get(id);
            assertThat(entity.get("version", Number.class).longValue()).as(id + " version").isEqualTo(events.get());
            assertThat(entity.get("state", Document.class).get("points", Number.class).longValue())
                    .as(id + " bumps").isEqualTo(events.get() - 1);
        });
        await("the applied-event count to settle", Duration.ofSeconds(5),
                () -> progress.handled() - handledBefore >= total);
        assertThat(progress.handled() - handledBefore).as("events delivered to the projection: each exactly once")
                .isEqualTo(total);
    }

    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    private Object lockOf(String id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }

    private long countEvents(String account) {
        return mongo.getCollection(ReadModels.EVENTS).countDocuments(new Document("account", account));
    }

    private boolean allAtTheirVersion(String account, Map<String, AtomicLong> eventsPerEntity) {
        Map<String, Long> versions = new HashMap<>();
        mongo.getCollection(ReadModels.ENTITIES).find(new Document("account", account))
                .projection(new Document("id", 1).append("version", 1))
                .forEach(d -> versions.put(d.getString("id"), d.get("version", Number.class).longValue()));
        return eventsPerEntity.entrySet().stream().allMatch(e -> versions.getOrDefault(e.getKey(), 0L)
                == e.getValue().get());
    }

    private static String fmt(double seconds) {
        return String.format("%.1f", seconds);
    }
}
