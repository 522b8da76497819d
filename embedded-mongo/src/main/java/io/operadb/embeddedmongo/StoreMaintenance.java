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
 * one commits through the {@link GroupCommitter}, i.e. between operations, and compacts the file
 * when the store has been idle for a while (a rewritten document leaves its old copy behind).
 */
final class StoreMaintenance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreMaintenance.class);

    static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration TICK = Duration.ofMillis(100);
    /** Commit early when this much changed data is held in memory, to bound memory use. */
    private static final int MAX_UNSAVED_BYTES = 8 * 1024 * 1024;
    /** Compact after this long without writes... */
    static final Duration IDLE_BEFORE_COMPACTION = Duration.ofSeconds(10);
    /** ...for at most this long, so that a client arriving meanwhile waits little. */
    private static final Duration IDLE_COMPACTION_BUDGET = Duration.ofMillis(300);
    /** ...if live data fills less than this share (%) of the chunks or the file; MVStore's own default is 90. */
    private static final int COMPACTION_FILL_RATE = 80;

    private final MVStore store;
    private final GroupCommitter committer;
    private final ScheduledExecutorService scheduler;
    private final CommitGate gate;
    private volatile long lastCommitNanos = System.nanoTime();
    private long lastSeenVersion = -1;
    private long versionSeenSinceNanos = System.nanoTime();
    private long lastCompactedVersion = -1;

    StoreMaintenance(MVStore store, GroupCommitter committer, CommitGate gate) {
        this.store = store;
        this.committer = committer;
        this.gate = gate;
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
            if (store.isClosed()) {
                return;
            }
            if (store.hasUnsavedChanges()) {
                commitIfDue();
            } else if (idleLongEnough()) {
                compactIfIdle();
            }
        } catch (RuntimeException e) {
            // keep the schedule alive: the next tick retries, and close() commits once more
            log.warn("background maintenance failed", e);
        }
    }

    private void commitIfDue() {
        boolean due = System.nanoTime() - lastCommitNanos >= COMMIT_INTERVAL.toNanos();
        if (due || store.getUnsavedMemory() > MAX_UNSAVED_BYTES) {
            committer.commitInBackground();
            lastCommitNanos = System.nanoTime();
        }
    }

    private boolean idleLongEnough() {
        long version = store.getCurrentVersion();
        if (version != lastSeenVersion) {
            lastSeenVersion = version;
            versionSeenSinceNanos = System.nanoTime();
            return false;
        }
        return System.nanoTime() - versionSeenSinceNanos >= IDLE_BEFORE_COMPACTION.toNanos();
    }

    /**
     * Compacts the file for a short time budget if it has much dead space and no operation is running;
     * holds the commit gate so that no operation's half-done changes are written meanwhile. A large
     * file takes several rounds, one per idle tick, until it is dense or a client writes again.
     */
    boolean compactIfIdle() {
        if (store.getFileStore() == null || store.getCurrentVersion() == lastCompactedVersion || isDense()) {
            return false;
        }
        boolean ran = gate.exclusivelyIfIdle(() -> FileCompactor.compact(store, IDLE_COMPACTION_BUDGET));
        if (ran) {
            lastSeenVersion = store.getCurrentVersion();
            if (isDense() || lastSeenVersion == lastCompactedVersion) {
                lastCompactedVersion = lastSeenVersion; // done, or no progress: wait for new writes
            }
        }
        return ran;
    }

    /** Chunks fill rate: live data in the chunks; fill rate: chunks in the file. */
    private boolean isDense() {
        return Math.min(store.getFileStore().getChunksFillRate(), store.getFillRate()) >= COMPACTION_FILL_RATE;
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
