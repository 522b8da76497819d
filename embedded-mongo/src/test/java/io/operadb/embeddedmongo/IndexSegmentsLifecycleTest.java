package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

/**
 * Indexes whose entries fill several segments, through a client: they survive a restart and a rewrite of the file,
 * keep refusing duplicates, follow their collection when it is renamed, and leave no map behind when dropped.
 */
class IndexSegmentsLifecycleTest {

    private static final int DUPLICATE_KEY = 11000;

    @TempDir
    Path tempDir;

    @Test
    void segmented_indexes_survive_restarts_renames_and_rewrites_and_are_dropped_whole() {
        Path file = tempDir.resolve("segments.mv");
        try (EmbeddedMongoServer server = start(file); MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> orders = client.getDatabase("shop").getCollection("orders");
            orders.createIndex(Indexes.ascending("number"), new IndexOptions().unique(true).name("byNumber"));
            orders.createIndex(Indexes.ascending("customer"), new IndexOptions().name("byCustomer"));
            for (int i = 0; i < 40; i++) {
                orders.insertOne(order(i));
            }
        }
        assertThat(indexMaps(file, "byNumber")).hasSizeGreaterThan(5); // 40 entries, 5 per segment
        assertThat(indexMaps(file, "byCustomer")).hasSizeGreaterThan(5);

        try (EmbeddedMongoServer server = start(file); MongoClient client = TestClients.connect(server)) {
            MongoDatabase shop = client.getDatabase("shop");
            MongoCollection<Document> orders = shop.getCollection("orders");
            assertAnswers(orders, server, 40);
            assertThat(duplicateOf(orders, 3)).isEqualTo(DUPLICATE_KEY); // in a full segment, found through its filter

            orders.renameCollection(new MongoNamespace("shop", "archive"));
            MongoCollection<Document> archive = shop.getCollection("archive");
            for (int i = 40; i < 50; i++) {
                archive.insertOne(order(i));
            }
            assertAnswers(archive, server, 50);
            assertThat(duplicateOf(archive, 45)).isEqualTo(DUPLICATE_KEY);
        }
        assertThat(indexMaps(file, "byNumber")).allMatch(name -> name.startsWith("shop.archive."));

        StoreRewriter.rewrite(file);
        try (EmbeddedMongoServer server = start(file); MongoClient client = TestClients.connect(server)) {
            MongoDatabase shop = client.getDatabase("shop");
            MongoCollection<Document> archive = shop.getCollection("archive");
            assertAnswers(archive, server, 50);

            archive.dropIndex("byCustomer");
            assertThat(archive.countDocuments(new Document("customer", "customer-1"))).isEqualTo(10); // by scanning now
            assertThat(duplicateOf(archive, 7)).isEqualTo(DUPLICATE_KEY);
            archive.drop();
        }
        assertThat(indexMaps(file, "byCustomer")).isEmpty();
        assertThat(indexMaps(file, "byNumber")).isEmpty();
    }

    /**
     * Segments of a quarter of the full size take new entries and merge by fours; what is left of them when writes
     * pause merges into one, the newest too, so that reads seek in few segments. Those of an index on ascending values
     * follow one another and stay as they are. Answers and refusals stay the same.
     */
    @Test
    void a_pause_in_writes_merges_what_is_left_of_the_small_segments() {
        Path file = tempDir.resolve("pause.mv");
        int before;
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file).withIndexSegmentEntries(16));
             MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> orders = client.getDatabase("shop").getCollection("orders");
            orders.createIndex(Indexes.ascending("number"), new IndexOptions().unique(true).name("byNumber"));
            orders.createIndex(Indexes.ascending("customer"), new IndexOptions().name("byCustomer"));
            for (int i = 0; i < 45; i++) { // by customer: two merged segments of 16, three of 4 and the newest with 1
                orders.insertOne(order(i));
            }
            server.checkpoint();
            before = indexMaps(server, "byCustomer");
            assertThat(before).isEqualTo(6);

            int steps = 0;
            while (server.mergeIndexSegmentsStep()) {
                steps++;
            }

            assertThat(steps).isLessThan(3);
            assertThat(indexMaps(server, "byCustomer")).as("merged 16, 16 and 13, and a new newest").isEqualTo(4);
            assertThat(indexMaps(server, "byNumber")).as("ascending numbers: segments that follow one another stay")
                .isEqualTo(12);
            assertAnswers(orders, server, 45);
            assertThat(duplicateOf(orders, 44)).isEqualTo(DUPLICATE_KEY); // was in the newest segment
            assertThat(duplicateOf(orders, 33)).isEqualTo(DUPLICATE_KEY);
            orders.insertOne(order(45));
        }
        assertThat(indexMaps(file, "byCustomer")).hasSize(4);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file).withIndexSegmentEntries(16));
             MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> orders = client.getDatabase("shop").getCollection("orders");
            assertAnswers(orders, server, 46);
            assertThat(duplicateOf(orders, 40)).isEqualTo(DUPLICATE_KEY);
        }
    }

    private static int indexMaps(EmbeddedMongoServer server, String indexName) {
        return (int) server.indexMapNames().stream().filter(name -> name.endsWith("_" + indexName)).count();
    }

    private static EmbeddedMongoServer start(Path file) {
        return EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file).withIndexSegmentEntries(5));
    }

    /** Numbers ascend, customers come round by turns: the one index fills segments in order, the other at random. */
    private static Document order(int i) {
        return new Document("number", i).append("customer", "customer-" + (i % 5));
    }

    private static void assertAnswers(MongoCollection<Document> orders, EmbeddedMongoServer server, int count) {
        long scansBefore = server.queryMetrics().collectionScans();
        assertThat(orders.countDocuments(new Document("customer", "customer-2"))).isEqualTo((count + 2) / 5);
        assertThat(orders.find(new Document("number", 17)).first()).isNotNull();
        List<Integer> numbers = new ArrayList<>();
        orders.find(new Document("number", new Document("$gte", 3).append("$lt", 33)))
            .sort(new Document("number", -1)).forEach(order -> numbers.add(order.getInteger("number")));
        assertThat(numbers).hasSize(30).isSortedAccordingTo((a, b) -> b - a);
        assertThat(server.queryMetrics().collectionScans()).isEqualTo(scansBefore);
    }

    private static int duplicateOf(MongoCollection<Document> orders, int number) {
        Throwable refused = catchThrowable(() -> orders.insertOne(order(number)));
        assertThat(refused).isInstanceOf(MongoWriteException.class);
        return ((MongoWriteException) refused).getError().getCode();
    }

    private static List<String> indexMaps(Path file, String indexName) {
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            return store.getMapNames().stream()
                .filter(name -> IndexedH2Database.isIndexMap(name) && name.endsWith("_" + indexName))
                .toList();
        }
    }
}
