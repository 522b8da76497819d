package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * A write with {@code j: true} is answered once it is in the journal on disk; a restart after a crash replays the
 * journal onto the last checkpoint. Each test stops the server as {@code kill -9} would ({@link
 * EmbeddedMongoServer#haltAbruptly()}) and looks at what a new server finds in the files.
 */
class JournaledWriteTest {

    @TempDir
    Path tempDir;

    private EmbeddedMongoServer start(Path file) {
        return EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file));
    }

    private static MongoCollection<Document> journaled(MongoClient client, String collection) {
        return client.getDatabase("app").getCollection(collection).withWriteConcern(WriteConcern.JOURNALED);
    }

    @Test
    void every_kind_of_journaled_write_survives_a_crash_right_after_its_reply() {
        Path file = tempDir.resolve("j.mv");
        try (EmbeddedMongoServer server = start(file); MongoClient client = TestClients.connect(server)) {
            journaled(client, "c").createIndex(Indexes.ascending("v"));
            server.checkpoint(); // the catalog is in the file; what follows is only in the journal
            MongoCollection<Document> c = journaled(client, "c");
            long journaledBefore = server.journaledWrites();

            c.insertOne(new Document("_id", 1).append("v", 1));
            c.insertMany(List.of(new Document("_id", 2).append("v", 20), new Document("_id", 3).append("v", 30)));
            c.updateOne(Filters.eq("_id", 1), Updates.set("v", 2));
            c.findOneAndUpdate(Filters.eq("_id", 2), Updates.inc("v", 1), new FindOneAndUpdateOptions());
            c.updateOne(Filters.eq("_id", 4), Updates.set("v", 40), new UpdateOptions().upsert(true));
            c.deleteOne(Filters.eq("_id", 3));
            c.replaceOne(Filters.eq("_id", 4), new Document("v", 41));
            assertThat(server.journaledWrites() - journaledBefore).isEqualTo(7);
            server.haltAbruptly();
        }

        try (EmbeddedMongoServer server = start(file); MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> c = journaled(client, "c");
            assertThat(c.find().sort(new Document("_id", 1)).into(new ArrayList<>())).containsExactly(
                new Document("_id", 1).append("v", 2), new Document("_id", 2).append("v", 21),
                new Document("_id", 4).append("v", 41));
            // the index was rebuilt along: found through it, not by a scan
            long scans = server.queryMetrics().collectionScans();
            assertThat(c.find(Filters.gte("v", 21)).into(new ArrayList<>())).hasSize(2);
            assertThat(c.find(Filters.eq("v", 40)).first()).isNull();
            assertThat(server.queryMetrics().collectionScans()).isEqualTo(scans);
            assertThat(client.getDatabase("app").runCommand(new Document("collStats", "c")).get("count", Number.class)
                .intValue()).isEqualTo(3);
        }
    }

    @Test
    void writes_without_j_reach_the_journal_within_a_moment() throws InterruptedException {
        Path file = tempDir.resolve("w1.mv");
        try (EmbeddedMongoServer server = start(file); MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> acknowledged = client.getDatabase("app").getCollection("c")
                .withWriteConcern(WriteConcern.ACKNOWLEDGED);
            acknowledged.insertOne(new Document("_id", "first"));
            server.checkpoint();
            for (int i = 0; i < 20; i++) {
                acknowledged.insertOne(new Document("_id", i));
            }
            assertThat(server.journaledWrites()).isZero();
            Thread.sleep(600); // the maintenance thread syncs the journal every 100 ms
            server.haltAbruptly();
        }
        try (EmbeddedMongoServer server = start(file); MongoClient client = TestClients.connect(server)) {
            assertThat(client.getDatabase("app").getCollection("c").countDocuments()).isEqualTo(21);
        }
    }

    @Test
    void a_new_collection_and_index_are_checkpointed_before_a_journaled_write_into_them_is_answered() {
        Path file = tempDir.resolve("catalog.mv");
        try (EmbeddedMongoServer server = start(file); MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> fresh = journaled(client, "fresh");
            fresh.insertOne(new Document("_id", "a").append("k", 1));
            fresh.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true));
            fresh.insertOne(new Document("_id", "b").append("k", 2));
            server.haltAbruptly();
        }
        try (EmbeddedMongoServer server = start(file); MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> fresh = journaled(client, "fresh");
            assertThat(fresh.countDocuments()).isEqualTo(2);
            assertThat(fresh.listIndexes().map(index -> index.getString("name")).into(new ArrayList<>()))
                .contains("k_1");
        }
    }

    @Test
    void a_dropped_collection_does_not_come_back_under_writes_made_after_the_drop() {
        Path file = tempDir.resolve("drop.mv");
        try (EmbeddedMongoServer server = start(file); MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> c = journaled(client, "c");
            c.insertMany(List.of(new Document("_id", "old-1"), new Document("_id", "old-2")));
            server.checkpoint();
            c.drop();
            c.insertOne(new Document("_id", "new"));
            server.haltAbruptly();
        }
        try (EmbeddedMongoServer server = start(file); MongoClient client = TestClients.connect(server)) {
            List<Object> ids = new ArrayList<>();
            journaled(client, "c").find().forEach(document -> ids.add(document.get("_id")));
            assertThat(ids).containsExactly("new");
        }
    }

    @Test
    void a_journal_cut_off_in_the_middle_of_a_record_replays_up_to_it() throws IOException {
        Path file = tempDir.resolve("torn.mv");
        try (EmbeddedMongoServer server = start(file); MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> c = journaled(client, "c");
            c.insertOne(new Document("_id", "catalog"));
            server.checkpoint();
            for (int i = 0; i < 10; i++) {
                c.insertOne(new Document("_id", i).append("payload", "x".repeat(100)));
            }
            server.haltAbruptly();
            List<Path> segments = server.journalSegments();
            Path last = segments.get(segments.size() - 1);
            long size = Files.size(last);
            // as if the crash hit while the last insert was being written: its record is half there, plus garbage
            try (var channel = Files.newByteChannel(last, StandardOpenOption.WRITE)) {
                channel.truncate(size - 40);
            }
            Files.write(last, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        }
        try (EmbeddedMongoServer server = start(file); MongoClient client = TestClients.connect(server)) {
            List<Object> ids = new ArrayList<>();
            journaled(client, "c").find(Filters.ne("_id", "catalog")).forEach(document -> ids.add(document.get("_id")));
            assertThat(ids).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8);
        }
    }

    @Test
    void a_checkpoint_retires_the_journal_it_covers_and_a_clean_close_leaves_none() {
        Path file = tempDir.resolve("retire.mv");
        try (EmbeddedMongoServer server = start(file); MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> c = journaled(client, "c");
            c.insertOne(new Document("_id", 0));
            server.checkpoint();
            for (int i = 1; i <= 50; i++) {
                c.insertOne(new Document("_id", i));
            }
            List<Path> before = server.journalSegments();
            assertThat(before).hasSize(1);

            server.checkpoint();
            assertThat(server.journalSegments()).doesNotContainAnyElementsOf(before);
            c.insertOne(new Document("_id", 51));
            assertThat(server.journalSegments()).hasSize(1);
            server.close();
            assertThat(server.journalSegments()).isEmpty();
        }
        try (EmbeddedMongoServer server = start(file); MongoClient client = TestClients.connect(server)) {
            assertThat(journaled(client, "c").countDocuments()).isEqualTo(52);
        }
    }

    @Test
    void concurrent_journaled_writers_share_journal_syncs() throws Exception {
        int writers = 8;
        int writesPerWriter = 40;
        try (EmbeddedMongoServer server = start(tempDir.resolve("group.mv"));
             MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> journaled = journaled(client, "c");
            journaled.insertOne(new Document("_id", "warm-up"));
            long syncsBefore = server.groupCommits();

            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int writer = 0; writer < writers; writer++) {
                    int w = writer;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < writesPerWriter; i++) {
                            journaled.insertOne(new Document("_id", w + "-" + i));
                        }
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }

            long syncs = server.groupCommits() - syncsBefore;
            int writes = writers * writesPerWriter;
            assertThat(journaled.countDocuments()).isEqualTo(writes + 1);
            // one sync per writer would be `writes`; grouping needs clearly fewer
            assertThat(syncs).as("journal syncs for %d journaled writes", writes).isLessThan(writes * 3L / 4);
        }
    }
}
