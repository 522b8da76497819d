package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

class UniqueCompoundIndexTest {

    private static final int DUPLICATE_KEY = 11000;

    @TempDir
    Path tempDir;

    private EmbeddedMongoServer server;
    private MongoClient client;
    private MongoCollection<Document> pairs;

    @BeforeEach
    void start() {
        server = EmbeddedMongoServer.start(settings(tempDir.resolve("unique.mv")));
        client = TestClients.connect(server);
        pairs = client.getDatabase("app").getCollection("pairs");
        pairs.createIndex(Indexes.ascending("a", "b"), new IndexOptions().unique(true));
    }

    EmbeddedMongoSettings settings(Path file) {
        return EmbeddedMongoSettings.file(file);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void a_duplicate_pair_is_rejected_with_a_duplicate_key_error() {
        pairs.insertOne(new Document("a", "x").append("b", 1));
        pairs.insertOne(new Document("a", "x").append("b", 2));
        pairs.insertOne(new Document("a", "y").append("b", 1));

        assertThatThrownBy(() -> pairs.insertOne(new Document("a", "x").append("b", 1)))
            .isInstanceOfSatisfying(MongoWriteException.class, e -> {
                assertThat(e.getCode()).isEqualTo(DUPLICATE_KEY);
                assertThat(ErrorCategory.fromErrorCode(e.getCode())).isEqualTo(ErrorCategory.DUPLICATE_KEY);
            });
        assertThat(pairs.countDocuments()).isEqualTo(3);
    }

    /**
     * Ascending values (ids, counters, timestamps) always land at the right end of the index's last leaf, where the
     * new entry has no right neighbour in its leaf: that must not send every such insert the long way (a seek in
     * each segment, then a second descent to write the entry).
     */
    @Test
    void ascending_inserts_settle_their_uniqueness_in_the_descent_that_writes_them_and_a_duplicate_of_the_last_is_refused() {
        long before = server.queryMetrics().uniqueChecksBySeek();
        for (int i = 0; i < 1_000; i++) {
            pairs.insertOne(new Document("_id", i).append("a", "x").append("b", i));
        }
        long bySeek = server.queryMetrics().uniqueChecksBySeek() - before;

        assertThat(bySeek).as("of 2,000 entries (the _id index and {a, b})").isLessThan(50);
        assertThatThrownBy(() -> pairs.insertOne(new Document("_id", 1_000).append("a", "x").append("b", 999)))
            .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(DUPLICATE_KEY));
        assertThatThrownBy(() -> pairs.insertOne(new Document("_id", 999).append("a", "y").append("b", 0)))
            .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(DUPLICATE_KEY));
        assertThat(pairs.countDocuments()).isEqualTo(1_000);
    }

    /**
     * Events of many aggregates, each appended after its aggregate's latest: the new entry lands at the end of its
     * aggregate's run of entries, which is often the end of a leaf that is not the last, with the next aggregate's
     * entries in the next leaf. The separator between the two leaves tells that no entry with the new values is there.
     */
    @Test
    void appends_to_many_runs_settle_their_uniqueness_in_the_descent_that_writes_them() {
        long before = server.queryMetrics().uniqueChecksBySeek();
        for (int sequence = 0; sequence < 40; sequence++) {
            for (int aggregate = 0; aggregate < 50; aggregate++) {
                pairs.insertOne(new Document("a", "aggregate-" + aggregate).append("b", sequence));
            }
        }
        long bySeek = server.queryMetrics().uniqueChecksBySeek() - before;

        assertThat(bySeek).as("of 2,000 entries of {a, b}").isLessThan(40);
        assertThatThrownBy(() -> pairs.insertOne(new Document("a", "aggregate-7").append("b", 39)))
            .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(DUPLICATE_KEY));
        assertThat(pairs.countDocuments()).isEqualTo(2_000);
    }

    @Test
    void an_insert_refused_by_one_unique_index_leaves_no_entry_in_the_others() {
        pairs.createIndex(Indexes.ascending("c"), new IndexOptions().unique(true));
        pairs.insertOne(new Document("_id", 1).append("a", "x").append("b", 1).append("c", 1));

        // _id and {a, b} are free, c is taken: the insert is refused after the first two indexes were checked
        assertThatThrownBy(() -> pairs.insertOne(new Document("_id", 2).append("a", "y").append("b", 1).append("c", 1)))
            .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(DUPLICATE_KEY));

        // had an entry of the refused insert stayed behind in _id or {a, b}, these would be duplicates
        pairs.insertOne(new Document("_id", 2).append("a", "y").append("b", 1).append("c", 2));
        assertThat(pairs.countDocuments()).isEqualTo(2);
        assertThat(pairs.countDocuments(new Document("a", "y").append("b", 1))).isEqualTo(1);
    }

    @Test
    void over_many_index_pages_every_duplicate_is_refused_and_every_new_pair_inserted() {
        // enough pairs for thousands of leaves, so that new and duplicate entries also fall at leaf boundaries
        java.util.Random random = new java.util.Random(42);
        java.util.Set<String> stored = new java.util.HashSet<>();
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            String a = "k" + random.nextInt(4_000);
            int b = random.nextInt(3);
            Document pair = new Document("a", a).append("b", b);
            if (stored.add(a + "/" + b)) {
                pairs.insertOne(pair);
            } else {
                assertThatThrownBy(() -> pairs.insertOne(pair)).as("duplicate %s/%d", a, b)
                    .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(DUPLICATE_KEY));
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(5_000);
        assertThat(pairs.countDocuments()).isEqualTo(stored.size());
        for (String key : stored.stream().limit(500).toList()) {
            String[] parts = key.split("/");
            assertThat(pairs.countDocuments(new Document("a", parts[0]).append("b", Integer.parseInt(parts[1]))))
                .isEqualTo(1);
        }
    }

    @Test
    void a_duplicate_within_one_insert_many_is_rejected_and_the_others_are_inserted() {
        pairs.insertOne(new Document("a", "old").append("b", 0));
        List<Document> batch = List.of(
            new Document("a", "x").append("b", 1),
            new Document("a", "x").append("b", 1), // duplicate of the one before, in the same batch
            new Document("a", "old").append("b", 0), // duplicate of a stored pair
            new Document("a", "x").append("b", 2));

        assertThatThrownBy(() -> pairs.insertMany(batch, new InsertManyOptions().ordered(false)))
            .isInstanceOfSatisfying(MongoBulkWriteException.class, e -> {
                assertThat(e.getWriteErrors()).extracting(BulkWriteError::getIndex).containsExactly(1, 2);
                assertThat(e.getWriteErrors()).extracting(BulkWriteError::getCode).containsOnly(DUPLICATE_KEY);
            });
        assertThat(pairs.countDocuments()).isEqualTo(3);
        assertThat(pairs.countDocuments(new Document("a", "x").append("b", 1))).isEqualTo(1);
    }

    @Test
    void an_ordered_insert_many_stops_at_the_first_duplicate() {
        List<Document> batch = List.of(
            new Document("a", "x").append("b", 1),
            new Document("a", "x").append("b", 1),
            new Document("a", "x").append("b", 2));

        assertThatThrownBy(() -> pairs.insertMany(batch))
            .isInstanceOfSatisfying(MongoBulkWriteException.class,
                e -> assertThat(e.getWriteErrors()).extracting(BulkWriteError::getIndex).containsExactly(1));
        assertThat(pairs.countDocuments()).isEqualTo(1);
    }

    @Test
    void an_insert_with_a_stored_id_is_a_duplicate_key_and_leaves_the_stored_document_as_it_was() {
        pairs.insertOne(new Document("_id", "p-1").append("a", "x").append("b", 1));

        assertThatThrownBy(() -> pairs.insertOne(new Document("_id", "p-1").append("a", "y").append("b", 2)))
            .isInstanceOfSatisfying(MongoWriteException.class, e -> {
                assertThat(e.getCode()).isEqualTo(DUPLICATE_KEY);
                assertThat(e.getMessage()).contains("_id_");
            });
        assertThat(pairs.find().into(new ArrayList<>()))
            .containsExactly(new Document("_id", "p-1").append("a", "x").append("b", 1));
        assertThat(pairs.countDocuments(new Document("a", "y"))).isZero();
        // the index still finds the stored pair, and only it
        assertThat(pairs.countDocuments(new Document("a", "x").append("b", 1))).isEqualTo(1);
    }

    @Test
    void an_unordered_insert_many_passes_over_stored_ids_and_inserts_the_rest() {
        pairs.insertOne(new Document("_id", "p-1").append("a", "x").append("b", 1));
        List<Document> batch = List.of(
            new Document("_id", "p-1").append("a", "x").append("b", 1), // the same document again
            new Document("_id", "p-2").append("a", "x").append("b", 2),
            new Document("_id", "p-2").append("a", "x").append("b", 2)); // and again within the batch

        assertThatThrownBy(() -> pairs.insertMany(batch, new InsertManyOptions().ordered(false)))
            .isInstanceOfSatisfying(MongoBulkWriteException.class, e -> {
                assertThat(e.getWriteErrors()).extracting(BulkWriteError::getIndex).containsExactly(0, 2);
                assertThat(e.getWriteErrors()).extracting(BulkWriteError::getCode).containsOnly(DUPLICATE_KEY);
            });
        assertThat(pairs.find().into(new ArrayList<>())).extracting(d -> d.get("_id")).containsExactly("p-1", "p-2");
    }

    @Test
    void an_upsert_that_would_create_a_duplicate_pair_is_rejected() {
        pairs.insertOne(new Document("a", "x").append("b", 1).append("n", 1));
        assertThatThrownBy(() -> pairs.updateOne(new Document("n", 2), new Document("$set", new Document("a", "x").append("b", 1)),
                new UpdateOptions().upsert(true)))
            .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(DUPLICATE_KEY));
        assertThat(pairs.countDocuments()).isEqualTo(1);
    }

    @Test
    void numerically_equal_values_of_different_types_are_duplicates() {
        pairs.insertOne(new Document("a", "x").append("b", 1));
        assertThatThrownBy(() -> pairs.insertOne(new Document("a", "x").append("b", 1L)))
            .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(DUPLICATE_KEY));
        assertThatThrownBy(() -> pairs.insertOne(new Document("a", "x").append("b", 1.0)))
            .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(DUPLICATE_KEY));
    }

    @Test
    void an_update_that_would_create_a_duplicate_pair_is_rejected() {
        pairs.insertOne(new Document("_id", 1).append("a", "x").append("b", 1));
        pairs.insertOne(new Document("_id", 2).append("a", "x").append("b", 2));
        assertThatThrownBy(() -> pairs.updateOne(new Document("_id", 2), new Document("$set", new Document("b", 1))))
            .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(DUPLICATE_KEY));
        assertThat(pairs.find(new Document("_id", 2)).first().getInteger("b")).isEqualTo(2);
    }

    @Test
    void eight_racing_writers_of_the_same_pair_produce_exactly_one_document() throws Exception {
        int writers = 8;
        int rounds = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < rounds; round++) {
                CountDownLatch startSignal = new CountDownLatch(1);
                List<Future<Boolean>> outcomes = new ArrayList<>();
                for (int writer = 0; writer < writers; writer++) {
                    Document pair = new Document("a", "race").append("b", round).append("writer", writer);
                    outcomes.add(pool.submit(insertAfter(startSignal, pair)));
                }
                startSignal.countDown();
                int winners = 0;
                for (Future<Boolean> outcome : outcomes) {
                    winners += outcome.get() ? 1 : 0;
                }
                assertThat(winners).as("winners of round %d", round).isEqualTo(1);
                assertThat(pairs.countDocuments(new Document("a", "race").append("b", round))).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Callable<Boolean> insertAfter(CountDownLatch startSignal, Document pair) {
        return () -> {
            startSignal.await();
            try {
                pairs.insertOne(pair);
                return true;
            } catch (MongoWriteException e) {
                assertThat(e.getCode()).isEqualTo(DUPLICATE_KEY);
                return false;
            }
        };
    }
}
