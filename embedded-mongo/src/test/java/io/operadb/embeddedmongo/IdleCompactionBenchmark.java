package io.operadb.embeddedmongo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

/**
 * How far idle compaction shrinks a bulk-loaded store (decision record 0061): loads {@code events} of the store
 * benchmark's axon-mongo-shaped events with insertMany into the same three indexes, then leaves the store idle and
 * prints its file size every 5 s. A main class, not a test: {@code java ... IdleCompactionBenchmark [events] [idle seconds]}.
 */
public final class IdleCompactionBenchmark {

    private IdleCompactionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int idleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 45;
        Path file = Files.createTempDirectory("idle-compaction").resolve("store.mv");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file));
             MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> collection = client.getDatabase("bench").getCollection("events");
            EmbeddedMongoBenchmark.createEventIndexes(collection);
            EmbeddedMongoBenchmark.EventGenerator generator = new EmbeddedMongoBenchmark.EventGenerator(events);
            long started = System.nanoTime();
            for (int from = 0; from < events; from += 1_000) {
                List<Document> batch = new ArrayList<>();
                for (int event = from; event < Math.min(events, from + 1_000); event++) {
                    batch.add(generator.event(event));
                }
                collection.insertMany(batch);
            }
            System.out.printf(Locale.ROOT, "loaded %,d events in %.1f s: %,d bytes per event%n", events,
                (System.nanoTime() - started) / 1e9, Files.size(file) / events);
            for (int second = 5; second <= idleSeconds; second += 5) {
                Thread.sleep(5_000);
                System.out.printf(Locale.ROOT, "idle %3d s: %,d bytes per event%n", second, Files.size(file) / events);
            }
        }
        System.out.printf(Locale.ROOT, "after close: %,d bytes per event%n", Files.size(file) / events);
        EmbeddedMongoBenchmark.deleteRecursively(file.getParent());
    }
}
