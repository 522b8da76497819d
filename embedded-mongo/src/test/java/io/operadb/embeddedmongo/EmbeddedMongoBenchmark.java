package io.operadb.embeddedmongo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bson.Document;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;

/**
 * Rough figures, not a test (run by hand):
 * {@code java -cp <test classpath> io.operadb.embeddedmongo.EmbeddedMongoBenchmark}.
 * Lookups by an indexed field at 10k and 100k documents (and by an unindexed one, for contrast),
 * an event store's "events of one aggregate" read, and insertOne with 0 and 3 secondary indexes.
 */
public final class EmbeddedMongoBenchmark {

    private EmbeddedMongoBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Files.createTempDirectory("embedded-mongo-benchmark");
        for (int size : new int[] {10_000, 100_000}) {
            lookups(directory.resolve("lookup-" + size + ".mv"), size);
        }
        inserts(directory.resolve("insert-0.mv"), 0);
        inserts(directory.resolve("insert-3.mv"), 3);
        journaledInserts(directory.resolve("journaled.mv"), 1);
        journaledInserts(directory.resolve("journaled-8.mv"), 8);
    }

    private static void lookups(Path file, int size) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file));
             MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> events = client.getDatabase("bench").getCollection("events");
            events.createIndex(Indexes.ascending("key"));
            events.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"), new IndexOptions().unique(true));
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                batch.add(new Document("key", "k-" + i).append("unindexed", "u-" + i)
                    .append("aggregateIdentifier", "agg-" + (i / 20)).append("sequenceNumber", (long) (i % 20))
                    .append("payload", "x".repeat(100)));
                if (batch.size() == 1_000) {
                    events.insertMany(batch);
                    batch.clear();
                }
            }
            Random random = new Random(1);
            int lookups = 5_000;
            for (int i = 0; i < lookups; i++) { // warm-up
                events.find(Filters.eq("key", "k-" + random.nextInt(size))).first();
            }
            long started = System.nanoTime();
            for (int i = 0; i < lookups; i++) {
                client.getDatabase("bench").runCommand(new Document("ping", 1));
            }
            report("ping (round trip floor)", lookups, started);

            started = System.nanoTime();
            for (int i = 0; i < lookups; i++) {
                events.find(Filters.eq("key", "k-" + random.nextInt(size))).first();
            }
            report("find by indexed field, " + size + " docs", lookups, started);

            started = System.nanoTime();
            for (int i = 0; i < lookups; i++) {
                events.find(Filters.and(Filters.eq("aggregateIdentifier", "agg-" + random.nextInt(size / 20)),
                    Filters.gte("sequenceNumber", 10L))).sort(Sorts.ascending("sequenceNumber")).into(new ArrayList<>());
            }
            report("events of an aggregate (seq >= 10, 10 events), " + size + " docs", lookups, started);

            int scans = size >= 100_000 ? 10 : 50;
            started = System.nanoTime();
            for (int i = 0; i < scans; i++) {
                events.find(Filters.eq("unindexed", "u-" + random.nextInt(size))).first();
            }
            report("find by unindexed field (collection scan), " + size + " docs", scans, started);
        }
    }

    private static void inserts(Path file, int secondaryIndexes) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file));
             MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> items = client.getDatabase("bench").getCollection("items");
            String[] fields = {"a", "b", "c"};
            for (int i = 0; i < secondaryIndexes; i++) {
                items.createIndex(Indexes.ascending(fields[i]));
            }
            int warmUp = 2_000;
            int count = 20_000;
            for (int i = 0; i < warmUp; i++) {
                items.insertOne(document(-1 - i));
            }
            long started = System.nanoTime();
            for (int i = 0; i < count; i++) {
                items.insertOne(document(i));
            }
            report("insertOne with " + secondaryIndexes + " secondary indexes", count, started);
        }
    }

    private static void journaledInserts(Path file, int threads) throws Exception {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file));
             MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> items = client.getDatabase("bench").getCollection("items")
                .withWriteConcern(WriteConcern.JOURNALED);
            int perThread = 2_000 / threads;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long commitsBefore = server.commits();
            long started = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * perThread;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        items.insertOne(document(offset + i));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            report("insertOne j:true, " + threads + " thread(s), commits=" + (server.commits() - commitsBefore),
                perThread * threads, started);
            pool.shutdown();
        }
    }

    private static Document document(int i) {
        return new Document("_id", i).append("a", "a-" + (i % 1000)).append("b", i % 77).append("c", (long) i * 31)
            .append("payload", "x".repeat(100));
    }

    private static void report(String what, int operations, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        System.out.printf("%-70s %10.0f ops/s %10.1f us/op%n", what, operations / seconds, seconds * 1e6 / operations);
    }
}
