package io.operadb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import org.bson.Document;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The rebuild rate: every read model rebuilt from the whole event store into a new generation (the query side's
 * {@code POST /api/admin/replay}, blue/green), timed from the request until {@code GET /api/admin/replay} reports the
 * switch-over ({@code lastReplay.finished}), which happens only once the rebuild has reached the head of the store,
 * so past the newest event written before it. Divided into the events in the store, this is also the rate at which
 * a new query side catches up. A replay that outlasts the limit is reported at the rate it had reached, so a slow
 * store cannot stall the run. (The serving read model cannot tell the end: it keeps answering, current, throughout.)
 */
final class ReplayTimer {

    static final String NAME = "replay (rebuild every read model)";
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** The newest event before the replay: its entity's read-model key and version. */
    record Marker(String readModelKey, long version) {
    }

    private final HttpClient client;
    private final OperaDbApi api;
    private final String admin;
    private final MongoCollection<Document> entities;
    private final Duration limit;

    ReplayTimer(HttpClient client, OperaDbApi api, String admin, MongoCollection<Document> entities, Duration limit) {
        this.client = client;
        this.api = api;
        this.admin = admin;
        this.entities = entities;
        this.limit = limit;
    }

    Figure measure(Marker marker, long eventsInStore) {
        long started = System.nanoTime();
        OperaDbApi.call(client, api.startReplay(admin));
        long deadline = started + limit.toNanos();
        boolean done;
        while (!(done = switchedOver()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL_NANOS);
        }
        long elapsed = System.nanoTime() - started;
        JsonNode status = OperaDbApi.call(client, api.replayStatus(admin)).path("lastReplay");
        String reported = "the service reported " + status.path("eventsPerSecond").asLong() + " events/s, "
                + status.path("eventsDone").asLong() + " events done of " + status.path("eventsTotal").asLong()
                + ", finished=" + status.path("finished").asBoolean();
        if (!done) {
            // stopped waiting: the rate so far, from the service's own count, is still the rebuild rate
            long eventsDone = Math.min(eventsInStore, status.path("eventsDone").asLong());
            return new Figure(NAME, 1, eventsDone, 0, eventsDone / (elapsed / 1e9), "events/s",
                    Percentiles.ofSorted(new long[] {elapsed}), "stopped waiting after " + limit.toSeconds()
                            + " s, before the end of the store (" + eventsInStore + " events); " + reported);
        }
        return new Figure(NAME, 1, eventsInStore, 0, eventsInStore / (elapsed / 1e9), "events/s",
                Percentiles.ofSorted(new long[] {elapsed}), "latency is the whole replay; " + reported);
    }

    private boolean switchedOver() {
        return OperaDbApi.call(client, api.replayStatus(admin)).path("lastReplay").path("finished").asBoolean();
    }
}
