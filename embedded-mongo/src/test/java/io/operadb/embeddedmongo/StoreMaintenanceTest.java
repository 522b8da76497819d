package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

/**
 * Idle compaction waits for a quiet spell with no client operation at all: compacting holds every
 * operation off for its whole round (hundreds of milliseconds on a large file), so a store that is
 * only being read is busy, not idle.
 */
class StoreMaintenanceTest {

    private static final Duration IDLE = Duration.ofMillis(300);

    @TempDir
    Path tempDir;

    @Test
    void a_store_that_is_only_being_read_is_not_compacted_under_its_readers() throws InterruptedException {
        MVStore store = sparseStore(tempDir.resolve("read.mv"));
        try {
            CommitGate gate = new CommitGate();
            Checkpointer checkpointer = new Checkpointer(store, gate, new CatalogChanges());
            StoreMaintenance maintenance = new StoreMaintenance(store, checkpointer, new Durability(checkpointer), gate,
                new OpenCursors(new CursorRegistry(), store), EmbeddedMongoSettings.DEFAULT_CHECKPOINT_INTERVAL, IDLE);
            MVMap<Integer, String> data = store.openMap("data");
            Random random = new Random(1);

            long readUntil = System.nanoTime() + 4 * IDLE.toNanos();
            while (System.nanoTime() < readUntil) {
                gate.duringOperation(() -> data.get(random.nextInt(2_000)));
                maintenance.tick();
                Thread.sleep(5);
            }
            assertThat(maintenance.compactions()).as("compaction rounds while a client kept reading").isZero();

            long quietUntil = System.nanoTime() + 4 * IDLE.toNanos();
            while (System.nanoTime() < quietUntil && maintenance.compactions() == 0) {
                maintenance.tick();
                Thread.sleep(20);
            }
            assertThat(maintenance.compactions()).as("compaction rounds once the reader stopped").isPositive();
        } finally {
            store.close();
        }
    }

    @Test
    void a_connected_client_that_only_checks_the_server_leaves_it_idle() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.inMemory());
             MongoClient client = TestClients.connect(server)) {
            MongoDatabase database = client.getDatabase("app");
            MongoCollection<Document> items = database.getCollection("items");
            items.insertOne(new Document("n", 1));
            long operations = server.clientOperations();

            // what drivers send to monitor a server: every 10 s, which would otherwise keep it busy forever
            database.runCommand(new Document("ping", 1));
            client.getDatabase("admin").runCommand(new Document("isMaster", 1));
            client.getDatabase("admin").runCommand(new Document("buildInfo", 1));
            assertThat(server.clientOperations()).isEqualTo(operations);

            items.find().first();
            assertThat(server.clientOperations()).isGreaterThan(operations);
        }
    }

    /**
     * The interval runs from the first change a checkpoint has not covered, not from the last checkpoint: a store
     * written again after a quiet spell longer than the interval would otherwise checkpoint its first new change at
     * once and the rest an interval later, rewriting the same random-key index leaves twice (record 0064).
     */
    @Test
    void a_checkpoint_comes_one_interval_after_the_first_change_it_covers() throws InterruptedException {
        Duration interval = Duration.ofMillis(400);
        MVStore store = new MVStore.Builder().fileName(tempDir.resolve("interval.mv").toString()).autoCommitDisabled().open();
        try {
            CommitGate gate = new CommitGate();
            Checkpointer checkpointer = new Checkpointer(store, gate, new CatalogChanges());
            StoreMaintenance maintenance = new StoreMaintenance(store, checkpointer, new Durability(checkpointer), gate,
                new OpenCursors(new CursorRegistry(), store), interval, Duration.ofHours(1));
            MVMap<Integer, String> data = store.openMap("data");
            data.put(1, "first");
            maintenance.tick();
            assertThat(checkpointer.checkpoints()).as("checkpoints right after the first change").isZero();
            Thread.sleep(interval.toMillis() + 50);
            maintenance.tick();
            assertThat(checkpointer.checkpoints()).as("checkpoints an interval after the first change").isOne();

            Thread.sleep(interval.toMillis() + 50); // quiet for longer than the interval
            maintenance.tick();
            data.put(2, "after a quiet spell");
            maintenance.tick();
            assertThat(checkpointer.checkpoints()).as("checkpoints right after a change that followed a quiet spell").isOne();
            Thread.sleep(interval.toMillis() + 50);
            maintenance.tick();
            assertThat(checkpointer.checkpoints()).as("checkpoints an interval after that change").isEqualTo(2);

            data.put(3, "checkpointed by a caller");
            maintenance.tick();
            Thread.sleep(interval.toMillis() / 2);
            checkpointer.checkpoint(); // a catalog change, say, or close
            data.put(4, "after the caller's checkpoint");
            Thread.sleep(interval.toMillis() / 2 + 50); // an interval after change 3, only half of one after change 4
            maintenance.tick();
            assertThat(checkpointer.checkpoints()).as("checkpoints before change 4 waited an interval").isEqualTo(3);
            Thread.sleep(interval.toMillis() + 50);
            maintenance.tick();
            assertThat(checkpointer.checkpoints()).as("checkpoints once change 4 waited an interval").isEqualTo(4);
        } finally {
            store.close();
        }
    }

    /**
     * Work that waits for a pause in writes (the indexes' merges) starts once no client has written for the quiet time,
     * whatever clients read meanwhile, runs in steps as operations, and stops as soon as a client writes again.
     */
    @Test
    void pause_work_waits_for_writes_to_pause_and_stops_when_they_resume() throws InterruptedException {
        MVStore store = new MVStore.Builder().fileName(tempDir.resolve("pause.mv").toString()).autoCommitDisabled().open();
        try {
            CommitGate gate = new CommitGate();
            Checkpointer checkpointer = new Checkpointer(store, gate, new CatalogChanges());
            StoreMaintenance maintenance = new StoreMaintenance(store, checkpointer, new Durability(checkpointer), gate,
                new OpenCursors(new CursorRegistry(), store), EmbeddedMongoSettings.DEFAULT_CHECKPOINT_INTERVAL, IDLE);
            AtomicLong writes = new AtomicLong();
            AtomicInteger steps = new AtomicInteger();
            AtomicInteger stepsLeft = new AtomicInteger(1_000_000);
            maintenance.whenWritesPause(new StoreMaintenance.WritePauseWork(writes::get, () -> {
                steps.incrementAndGet();
                return stepsLeft.decrementAndGet() > 0;
            }));

            long writeUntil = System.nanoTime() + 3 * IDLE.toNanos();
            while (System.nanoTime() < writeUntil) {
                writes.incrementAndGet();
                maintenance.tick();
                Thread.sleep(5);
            }
            assertThat(steps.get()).as("steps while a client kept writing").isZero();

            long operations = gate.operations();
            long readUntil = System.nanoTime() + 3 * IDLE.toNanos();
            while (System.nanoTime() < readUntil && steps.get() == 0) {
                gate.duringOperation(() -> null); // a reader
                maintenance.tick();
                Thread.sleep(5);
            }
            assertThat(steps.get()).as("steps once writes paused, with a reader still reading").isPositive();
            assertThat(gate.operations() - operations).as("operations: the reads and every step").isGreaterThan(steps.get());

            writes.incrementAndGet();
            int stepsBefore = steps.get();
            maintenance.tick();
            assertThat(steps.get()).as("steps right after a write").isEqualTo(stepsBefore);

            stepsLeft.set(1);
            Thread.sleep(IDLE.toMillis() + 50);
            maintenance.tick();
            assertThat(steps.get()).as("steps once the work is done").isEqualTo(stepsBefore + 1);
            maintenance.tick();
            assertThat(steps.get()).as("no step when no work is left").isEqualTo(stepsBefore + 1);
        } finally {
            store.close();
        }
    }

    /** A file store whose values were rewritten several times: mostly dead space, worth compacting. */
    private static MVStore sparseStore(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        MVMap<Integer, String> data = store.openMap("data");
        for (int rewrite = 0; rewrite < 6; rewrite++) {
            for (int key = 0; key < 2_000; key++) {
                data.put(key, rewrite + "x".repeat(500));
            }
            store.commit();
        }
        return store;
    }
}
