package io.operadb.embeddedmongo;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background housekeeping that MVStore would otherwise do in its own writer thread. Its own thread is
 * switched off because it commits at arbitrary moments, possibly in the middle of an operation; this
 * one commits through the {@link GroupCommitter}, i.e. between operations.
 */
final class StoreMaintenance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreMaintenance.class);

    static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration TICK = Duration.ofMillis(100);
    /** Commit early when this much changed data is held in memory, to bound memory use. */
    private static final int MAX_UNSAVED_BYTES = 8 * 1024 * 1024;

    private final MVStore store;
    private final GroupCommitter committer;
    private final ScheduledExecutorService scheduler;
    private volatile long lastCommitNanos = System.nanoTime();

    StoreMaintenance(MVStore store, GroupCommitter committer) {
        this.store = store;
        this.committer = committer;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-mongo-maintenance");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        scheduler.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            if (store.isClosed() || !store.hasUnsavedChanges()) {
                return;
            }
            boolean due = System.nanoTime() - lastCommitNanos >= COMMIT_INTERVAL.toNanos();
            if (due || store.getUnsavedMemory() > MAX_UNSAVED_BYTES) {
                committer.commitInBackground();
                lastCommitNanos = System.nanoTime();
            }
        } catch (RuntimeException e) {
            // keep the schedule alive: the next tick retries, and close() commits once more
            log.warn("background commit failed", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("maintenance thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
