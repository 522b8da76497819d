package io.operadb.bench;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the raw store does without OperaDB in front of it, measured in the same run on the same MongoDB, so every
 * OperaDB figure can be read as a fraction of what the store allows. Everything goes to a scratch collection that
 * is dropped at the end. The documents are shaped like the event store's (an aggregate id, a sequence number, a
 * JSON payload of a few hundred bytes) and the collection has the event store's indexes, so a raw insert costs
 * what an append costs in the store, and the difference to an OperaDB command is OperaDB's own.
 */
final class Baselines {

    static final String INSERT_ONE_JOURNALED = "raw insertOne j:true";
    static final String INSERT_ONE_ACKNOWLEDGED = "raw insertOne acknowledged";
    static final String INSERT_MANY = "raw insertMany (batches of 1,000)";
    static final String SCAN = "raw scan (find all)";
    static final String FIND_BY_ID = "raw find by _id";

    private static final int BATCH = 1_000;

    private final MongoDatabase database;
    private final BenchOptions options;
    private final Map<String, Figure> figures = new LinkedHashMap<>();
    /** Numbers every scratch document, so the unique (aggregate, sequence) index never refuses one. */
    private final AtomicLong documents = new AtomicLong();

    Baselines(MongoDatabase database, BenchOptions options) {
        this.database = database;
        this.options = options;
    }

    /** Runs every baseline; returns them in the order measured. */
    List<Figure> measure() {
        MongoCollection<Document> scratch = database.getCollection("bench_scratch_" + System.currentTimeMillis());
        try {
            withEventStoreIndexes(scratch);
            for (int clients : baselineClients()) {
                put(insertOne(scratch.withWriteConcern(WriteConcern.JOURNALED), clients, INSERT_ONE_JOURNALED));
                put(insertOne(scratch.withWriteConcern(WriteConcern.ACKNOWLEDGED), clients, INSERT_ONE_ACKNOWLEDGED));
            }
            put(insertMany(scratch.withWriteConcern(WriteConcern.ACKNOWLEDGED)));
            put(scan(scratch));
            for (int clients : List.of(1, options.maxClients())) {
                put(findById(scratch, clients));
            }
        } finally {
            scratch.drop();
        }
        return List.copyOf(figures.values());
    }

    /**
     * Raw {@code insertOne j:true} again, now, into a fresh scratch collection of the same store: the baseline of
     * a measurement taken later in a run, when the store has grown.
     */
    Figure journaledInsertOneNow(int clients) {
        MongoCollection<Document> scratch = database.getCollection("bench_scratch_" + System.currentTimeMillis());
        try {
            withEventStoreIndexes(scratch);
            return insertOne(scratch.withWriteConcern(WriteConcern.JOURNALED), clients, INSERT_ONE_JOURNALED);
        } finally {
            scratch.drop();
        }
    }

    /** The baseline of this name at this concurrency, or the nearest concurrency measured. */
    Figure get(String name, int clients) {
        Figure exact = figures.get(key(name, clients));
        if (exact != null) {
            return exact;
        }
        return figures.values().stream().filter(f -> f.name().equals(name))
                .min((a, b) -> Integer.compare(Math.abs(a.clients() - clients), Math.abs(b.clients() - clients)))
                .orElse(null);
    }

    /** 1 and 32 clients always (the figures to compare with other runs), plus every count the commands run at. */
    private List<Integer> baselineClients() {
        List<Integer> counts = new ArrayList<>(List.of(1));
        options.clients().stream().filter(c -> !counts.contains(c)).forEach(counts::add);
        if (!counts.contains(32)) {
            counts.add(32);
        }
        counts.sort(Integer::compare);
        return counts;
    }

    private void put(Figure figure) {
        figures.put(key(figure.name(), figure.clients()), figure);
    }

    private static String key(String name, int clients) {
        return name + "@" + clients;
    }

    private Figure insertOne(MongoCollection<Document> collection, int clients, String name) {
        Measurement m = concurrently(clients, options.baselineDocs(),
                i -> collection.insertOne(eventLike(documents.getAndIncrement())));
        return Figure.of(name, clients, m, "docs/s");
    }

    private Figure insertMany(MongoCollection<Document> collection) {
        int batches = Math.max(1, options.scanDocs() / BATCH);
        Measurement m = concurrently(1, batches, i -> {
            List<Document> batch = new ArrayList<>(BATCH);
            for (int d = 0; d < BATCH; d++) {
                batch.add(eventLike(documents.getAndIncrement()));
            }
            collection.insertMany(batch);
        });
        return new Figure(INSERT_MANY, 1, (m.operations() - m.errors()) * BATCH, m.errors() * BATCH,
                m.perSecond() * BATCH, "docs/s", m.latency(), "latency is per batch");
    }

    private Figure scan(MongoCollection<Document> collection) {
        long started = System.nanoTime();
        long docs = 0;
        try (MongoCursor<Document> cursor = collection.find().batchSize(BATCH).iterator()) {
            while (cursor.hasNext()) {
                cursor.next();
                docs++;
            }
        }
        long elapsed = System.nanoTime() - started;
        return new Figure(SCAN, 1, docs, 0, docs / (elapsed / 1e9), "docs/s",
                Percentiles.ofSorted(new long[] {elapsed}), "latency is the whole scan");
    }

    private Figure findById(MongoCollection<Document> collection, int clients) {
        List<Object> ids = new ArrayList<>();
        collection.find().projection(new Document("_id", 1)).limit(10_000).forEach(d -> ids.add(d.get("_id")));
        Measurement m = concurrently(clients, options.baselineDocs(), i -> {
            Object id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
            if (collection.find(Filters.eq("_id", id)).first() == null) {
                throw new IllegalStateException("scratch document " + id + " not found");
            }
        });
        return Figure.of(FIND_BY_ID, clients, m, "docs/s");
    }

    /** The indexes axon-mongo keeps on its event collection: a raw insert then maintains as much as an append. */
    private static void withEventStoreIndexes(MongoCollection<Document> collection) {
        collection.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"),
                new IndexOptions().unique(true));
        collection.createIndex(Indexes.ascending("timestamp", "sequenceNumber"));
    }

    private interface Operation {
        void run(int index);
    }

    /** The same closed loop as the HTTP load driver, on the MongoDB driver. */
    private Measurement concurrently(int clients, int operations, Operation operation) {
        LatencyRecorder latencies = new LatencyRecorder(operations);
        AtomicInteger claimed = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        StringBuilder firstError = new StringBuilder();
        long started = System.nanoTime();
        long deadline = started + options.baselineLimit().toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients, LoadDriver.daemon("bench-raw"));
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                int op;
                while (System.nanoTime() < deadline && (op = claimed.getAndIncrement()) < operations) {
                    long sent = System.nanoTime();
                    try {
                        operation.run(op);
                    } catch (RuntimeException e) {
                        if (errors.getAndIncrement() == 0) {
                            synchronized (firstError) {
                                firstError.append(e);
                            }
                        }
                    }
                    latencies.record(System.nanoTime() - sent);
                }
            });
        }
        pool.shutdown();
        try {
            pool.awaitTermination(options.baselineLimit().plus(Duration.ofMinutes(1)).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String error;
        synchronized (firstError) {
            error = firstError.isEmpty() ? null : firstError.toString();
        }
        return new Measurement(latencies.count(), errors.get(), seconds, latencies.percentiles(), error);
    }

    /** A document of the size and shape of one stored event. */
    private static Document eventLike(long n) {
        String aggregate = "bench/counter/C-" + (n % 10_000);
        return new Document("aggregateIdentifier", aggregate)
                .append("type", "EntityAggregate")
                .append("sequenceNumber", n / 10_000)
                .append("serializedPayload", "{\"account\":\"bench\",\"schema\":\"counter\",\"schemaVersion\":1,"
                        + "\"entityId\":\"C-" + (n % 10_000) + "\",\"action\":\"bump\",\"version\":" + (n / 10_000 + 1)
                        + ",\"actor\":\"user:bench-admin\",\"data\":{\"by\":3},\"idempotencyKey\":null,"
                        + "\"timestamp\":\"2026-01-01T00:00:00.000Z\"}")
                .append("timestamp", new Date().toInstant().toString())
                .append("payloadType", "io.operadb.api.entity.EntityEvent")
                .append("payloadRevision", null)
                .append("serializedMetaData", "{\"traceId\":\"" + UUID.randomUUID() + "\",\"correlationId\":\""
                        + UUID.randomUUID() + "\"}")
                .append("eventIdentifier", UUID.randomUUID().toString());
    }
}
