package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
import com.mongodb.client.model.Updates;

class JournaledWriteTest {

    @TempDir
    Path tempDir;

    @Test
    void every_kind_of_journaled_write_is_committed_before_the_reply() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(tempDir.resolve("j.mv")));
             MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> journaled = client.getDatabase("app").getCollection("c")
                .withWriteConcern(WriteConcern.JOURNALED);

            journaled.insertOne(new Document("_id", 1).append("v", 1));
            assertThat(server.hasUncommittedChanges()).as("after insert").isFalse();

            journaled.updateOne(Filters.eq("_id", 1), Updates.set("v", 2));
            assertThat(server.hasUncommittedChanges()).as("after update").isFalse();

            journaled.findOneAndUpdate(Filters.eq("_id", 1), Updates.inc("v", 1), new FindOneAndUpdateOptions());
            assertThat(server.hasUncommittedChanges()).as("after findAndModify").isFalse();

            journaled.deleteOne(Filters.eq("_id", 1));
            assertThat(server.hasUncommittedChanges()).as("after delete").isFalse();

            assertThat(server.journaledWrites()).isEqualTo(4);
        }
    }

    @Test
    void writes_without_j_do_not_wait_for_a_commit() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(tempDir.resolve("w1.mv")));
             MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> acknowledged = client.getDatabase("app").getCollection("c")
                .withWriteConcern(WriteConcern.ACKNOWLEDGED);
            for (int i = 0; i < 20; i++) {
                acknowledged.insertOne(new Document("_id", i));
            }
            assertThat(server.journaledWrites()).isZero();
        }
    }

    @Test
    void concurrent_journaled_writers_share_commits() throws Exception {
        int writers = 8;
        int writesPerWriter = 40;
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(tempDir.resolve("group.mv")));
             MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> journaled = client.getDatabase("app").getCollection("c")
                .withWriteConcern(WriteConcern.JOURNALED);
            journaled.insertOne(new Document("_id", "warm-up"));
            long commitsBefore = server.commits();

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

            long commits = server.commits() - commitsBefore;
            int writes = writers * writesPerWriter;
            assertThat(journaled.countDocuments()).isEqualTo(writes + 1);
            // one commit per writer would be `writes`; grouping needs clearly fewer
            assertThat(commits).as("commits for %d journaled writes", writes).isLessThan(writes * 3L / 4);
        }
    }
}
