package io.operadb.embeddedmongo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

/**
 * Child process of {@link CrashSafetyTest}: serves a file and inserts into it with {@code j: true}
 * from several threads, printing {@code ACK <id>} for every acknowledged insert, until it is killed.
 */
public final class CrashingWriter {

    static final String READY = "READY";
    static final String ACK = "ACK ";

    private CrashingWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        PrintStream out = System.out;
        EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file));
        MongoClient client = TestClients.connect(server);
        MongoCollection<Document> events = client.getDatabase("crash").getCollection("events")
            .withWriteConcern(WriteConcern.JOURNALED);
        events.createIndex(com.mongodb.client.model.Indexes.ascending("writer", "seq"),
            new com.mongodb.client.model.IndexOptions().unique(true));
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
                    synchronized (out) {
                        out.println(ACK + id);
                        out.flush();
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
}
