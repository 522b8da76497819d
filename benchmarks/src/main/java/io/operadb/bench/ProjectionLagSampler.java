package io.operadb.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * How long after a client holds its receipt the read model shows that version: the staleness a client sees when
 * it reads without {@code ?minVersion=}. While a load runs, the sampler takes the newest receipt every few
 * milliseconds into a queue, and polls the read-model document of the oldest one still waiting directly in
 * MongoDB (by {@code _id}, every ~1 ms, no HTTP in between) until its {@code version} reaches the receipt's; the
 * lag is the time from the receipt's arrival until then.
 * <p>
 * Why the oldest only: the projection applies events in store order, so the receipts behind the oldest become
 * visible after it, and one query per poll follows the whole queue; sampling one receipt at a time instead would
 * give a handful of samples when the lag runs into seconds, and polling every waiting receipt would load the
 * store the load is measuring. When the load stops, the queue is drained, so the tail of the lag is in the figure.
 */
final class ProjectionLagSampler implements AutoCloseable {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SAMPLE_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private record Receipt(String key, long version, long arrivedNanos) {
    }

    private final MongoCollection<Document> entities;
    private final AtomicReference<Receipt> newest = new AtomicReference<>();
    /** Only the sampler thread touches the queue. */
    private final ArrayDeque<Receipt> waiting = new ArrayDeque<>();
    private final LatencyRecorder lags;
    private final Thread sampler;
    private volatile boolean loadRunning = true;
    private long timeouts;

    ProjectionLagSampler(MongoCollection<Document> entities, int maxSamples) {
        this.entities = entities;
        this.lags = new LatencyRecorder(maxSamples);
        this.sampler = new Thread(this::sampleUntilDrained, "bench-lag-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Called by the load for each receipt; cheap, the sampler only ever takes the newest. */
    void offer(String readModelKey, long version, long arrivedNanos) {
        newest.set(new Receipt(readModelKey, version, arrivedNanos));
    }

    private void sampleUntilDrained() {
        long lastTaken = 0;
        while (loadRunning || !waiting.isEmpty()) {
            long now = System.nanoTime();
            if (loadRunning && now - lastTaken >= SAMPLE_EVERY_NANOS) {
                Receipt receipt = newest.getAndSet(null);
                if (receipt != null) {
                    waiting.addLast(receipt);
                    lastTaken = now;
                }
            }
            settleVisible();
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Records every receipt at the head of the queue that the read model now shows (or that waited too long). */
    private void settleVisible() {
        while (!waiting.isEmpty()) {
            Receipt head = waiting.peekFirst();
            Document doc = entities.find(Filters.eq("_id", head.key())).projection(Projections.include("version"))
                    .first();
            long now = System.nanoTime();
            if (doc != null && doc.get("version", Number.class).longValue() >= head.version()) {
                lags.record(now - head.arrivedNanos());
            } else if (now - head.arrivedNanos() > GIVE_UP.toNanos()) {
                timeouts++;
            } else {
                return;
            }
            waiting.removeFirst();
        }
    }

    /** Stops taking receipts, waits until the ones taken are visible, and gives the lags measured. */
    Figure stop(String name, int clients) {
        close();
        long samples = lags.count();
        return new Figure(name, clients, samples + timeouts, timeouts, 0, "samples", lags.percentiles(),
                timeouts == 0 ? null : timeouts + " receipts not visible within " + GIVE_UP.toSeconds() + " s");
    }

    @Override
    public void close() {
        loadRunning = false;
        try {
            sampler.join(GIVE_UP.toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
