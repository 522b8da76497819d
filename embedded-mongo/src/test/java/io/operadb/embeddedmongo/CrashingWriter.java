package io.operadb.embeddedmongo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * Child process of {@link CrashSafetyTest}: serves a file checkpointed every 200 ms and writes into it with
 * {@code j: true} from several threads until it is killed. Each thread inserts documents, keeps a tally document
 * up to date and deletes every tenth document it inserted, printing a line for every acknowledged write:
 * {@code ACK <id>} for an insert, {@code TALLY <writer> <n>} for a tally update, {@code DEL <id>} for a delete.
 */
public final class CrashingWriter {

    static final String READY = "READY";
    static final String ACK = "ACK ";
    static final String TALLY = "TALLY ";
    static final String DELETED = "DEL ";
    static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(200);

    private CrashingWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        PrintStream out = System.out;
        EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file)
            .withCheckpointInterval(CHECKPOINT_INTERVAL));
        MongoClient client = TestClients.connect(server);
        MongoCollection<Document> events = client.getDatabase("crash").getCollection("events")
            .withWriteConcern(WriteConcern.JOURNALED);
        MongoCollection<Document> tallies = client.getDatabase("crash").getCollection("tallies")
            .withWriteConcern(WriteConcern.JOURNALED);
        events.createIndex(Indexes.ascending("writer", "seq"), new IndexOptions().unique(true));
        synchronized (out) {
            out.println(READY);
            out.flush();
        }
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int writer = t;
            Thread thread = new Thread(() -> {
                for (long i = 0; ; i++) {
                    String id = writer + "-" + i;
                    events.insertOne(new Document("_id", id).append("writer", writer).append("seq", i)
                        .append("payload", "p".repeat(200)));
                    print(out, ACK + id);
                    tallies.updateOne(Filters.eq("_id", writer), Updates.set("n", i), new UpdateOptions().upsert(true));
                    print(out, TALLY + writer + " " + i);
                    if (i % 10 == 9) {
                        String old = writer + "-" + (i - 5);
                        events.deleteOne(Filters.eq("_id", old));
                        print(out, DELETED + old);
                    }
                }
            }, "writer-" + t);
            thread.start();
            writers.add(thread);
        }
        for (Thread writer : writers) {
            writer.join();
        }
    }

    private static void print(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
