package io.operadb.embeddedmongo;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background housekeeping that MVStore would otherwise do in its own writer thread. Its own thread is
 * switched off because it commits at arbitrary moments, possibly in the middle of an operation; this
 * one syncs the journal every tick (so a write without {@code j: true} is durable within about 100 ms, as
 * with MongoDB's journal), checkpoints through the {@link Checkpointer}, i.e. between operations, and compacts
 * the file when the store has been idle for a while (a rewritten document leaves its old copy behind). It also runs
 * work that waits for a pause in client writes ({@link WritePauseWork}: the indexes merge their small segments).
 */
final class StoreMaintenance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreMaintenance.class);

    /** A store in memory has no journal; its commits only bound the versions MVStore keeps. */
    static final Duration IN_MEMORY_COMMIT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration TICK = Duration.ofMillis(100);
    /** How often closed cursors are forgotten and abandoned ones closed. */
    private static final Duration CURSOR_SWEEP_INTERVAL = Duration.ofSeconds(1);
    /**
     * Checkpoint early once the journal since the last one is this long, to bound a replay after a crash: a replay
     * runs at about 50,000 changes per second, so this much (about 300,000 inserted events) replays in about 6 s. Under
     * a sustained load the interval, not this bound, sets the pace (decision record 0064).
     */
    static final long MAX_JOURNAL_BYTES = 256L * 1024 * 1024;
    /** Below this share of live data in its chunks, a busy store rewrites some of them after each checkpoint. */
    private static final int BUSY_COMPACTION_FILL_RATE = 50;
    private static final long MIN_BUSY_REWRITE_BYTES = 1L << 20;
    /** At most this much live data is rewritten after one checkpoint, so that the next one stays bounded too. */
    private static final long MAX_BUSY_REWRITE_BYTES = 32L << 20;
    /** Compact after this long without any client operation (driver heartbeats aside)... */
    static final Duration IDLE_BEFORE_COMPACTION = Duration.ofSeconds(10);
    /** ...for at most this long, so that a client arriving meanwhile waits little. */
    private static final Duration IDLE_COMPACTION_BUDGET = Duration.ofMillis(300);
    /** Idle rounds in a row that may leave the file as long as it was before the store waits for new writes. */
    private static final int MAX_ROUNDS_WITHOUT_SHRINKING = 20;

    private final MVStore store;
    private final Checkpointer checkpointer;
    private final Durability durability;
    private final Duration checkpointInterval;
    private final OpenCursors cursors;
    private long lastCursorSweepNanos = System.nanoTime();
    private final ScheduledExecutorService scheduler;
    private WritePauseWork pauseWork = WritePauseWork.NONE;
    /** Client writes counted when this thread last saw them change, and when; maintenance thread only. */
    private long lastSeenWrites = -1;
    private long writesQuietSinceNanos = System.nanoTime();
    /** Whether pause work may remain since the last writes; maintenance thread only. */
    private boolean pauseWorkPending = true;
    private final CommitGate gate;
    private final Duration idleBeforeCompaction;
    private final ChangedPagesBound changedPages = new ChangedPagesBound(ChangedPagesBound.maxWrittenBytes());
    private final AtomicLong compactions = new AtomicLong();
    private final AtomicLong busyCompactions = new AtomicLong();
    /** When this thread first saw changes that no checkpoint has covered yet, -1 if none; maintenance thread only. */
    private long changedSinceNanos = -1;
    /** The checkpoints counted when {@link #changedSinceNanos} was set. */
    private long checkpointsSeen;
    private long lastSeenVersion = -1;
    private long lastSeenOperations = -1;
    private long quietSinceNanos = System.nanoTime();
    private long lastCompactedVersion = -1;
    /** Idle rounds in a row since the file last got shorter; maintenance thread only. */
    private int roundsWithoutShrinking;

    /**
     * @param checkpointInterval how often a store that changed is checkpointed. Each checkpoint rewrites every page
     *                           changed since the last one, so a longer interval writes a page changed many times
     *                           once; the journal keeps the changes durable meanwhile (decision record 0053)
     */
    StoreMaintenance(MVStore store, Checkpointer checkpointer, Durability durability, CommitGate gate,
                     OpenCursors cursors, Duration checkpointInterval) {
        this(store, checkpointer, durability, gate, cursors, checkpointInterval, IDLE_BEFORE_COMPACTION);
    }

    /** With another quiet time before compacting; for tests. */
    StoreMaintenance(MVStore store, Checkpointer checkpointer, Durability durability, CommitGate gate,
                     OpenCursors cursors, Duration checkpointInterval, Duration idleBeforeCompaction) {
        this.store = store;
        this.cursors = cursors;
        this.checkpointer = checkpointer;
        this.durability = durability;
        this.checkpointInterval = store.getFileStore() == null ? IN_MEMORY_COMMIT_INTERVAL : checkpointInterval;
        this.gate = gate;
        this.idleBeforeCompaction = idleBeforeCompaction;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-mongo-maintenance");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Work the store does once client writes have paused (for as long as it waits before compacting), in steps within
     * the time budget of an idle compaction round per tick ({@link #whenWritesPause}, before {@link #start}).
     *
     * @param writes client writes so far: the work waits until this stops changing
     * @param step   one short step of the work, run between client operations; returns whether more remains
     */
    record WritePauseWork(LongSupplier writes, BooleanSupplier step) {
        static final WritePauseWork NONE = new WritePauseWork(() -> 0, () -> false);
    }

    void whenWritesPause(WritePauseWork work) {
        this.pauseWork = work;
    }

    void start() {
        scheduler.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round of housekeeping, as the maintenance thread runs it every {@link #TICK}; package-private for tests. */
    void tick() {
        try {
            if (store.isClosed()) {
                return;
            }
            durability.syncInBackground();
            sweepCursorsIfDue();
            if (store.hasUnsavedChanges()) {
                checkpointIfDue();
            } else {
                // also needed beside the checkpoint count: idle compaction commits without a checkpoint
                changedSinceNanos = -1;
                if (idleLongEnough()) {
                    compactIfIdle();
                }
            }
            runPauseWorkIfDue();
        } catch (RuntimeException e) {
            // keep the schedule alive: the next tick retries, and close() commits once more
            log.warn("background maintenance failed", e);
        }
    }

    private void sweepCursorsIfDue() {
        if (System.nanoTime() - lastCursorSweepNanos >= CURSOR_SWEEP_INTERVAL.toNanos()) {
            int closed = cursors.closeIdle(OpenCursors.IDLE_TIMEOUT);
            if (closed > 0) {
                log.info("closed {} cursor(s) unused for {}", closed, OpenCursors.IDLE_TIMEOUT);
            }
            lastCursorSweepNanos = System.nanoTime();
        }
    }

    private void checkpointIfDue() {
        boolean due = oldestChangeAgeNanos() >= checkpointInterval.toNanos();
        long journalBytes = checkpointer.journalBytesSinceCheckpoint();
        long unsaved = store.getUnsavedMemory();
        if (due || journalBytes >= MAX_JOURNAL_BYTES || changedPages.exceededBy(unsaved)) {
            long started = System.nanoTime();
            long writtenBefore = writtenBytes();
            checkpointer.checkpoint();
            long written = writtenBytes() - writtenBefore;
            changedPages.checkpointed(unsaved, written);
            log.debug("checkpoint ({}): journal {} KB, changed pages estimated at {} KB (bound now {} KB), wrote {} KB"
                    + " in {} ms", due ? "interval" : journalBytes >= MAX_JOURNAL_BYTES ? "journal" : "changed pages",
                journalBytes >> 10, unsaved >> 10, changedPages.threshold() >> 10, written >> 10,
                (System.nanoTime() - started) / 1_000_000);
            reclaimWhileBusy(written);
        }
    }

    /**
     * How long the oldest change not yet checkpointed has waited, as this thread saw it (to within a tick). The
     * interval runs from a store's first change, not from its last checkpoint: a store that was written, idle for a
     * while and then written again would otherwise checkpoint its new changes soon after they began and again an
     * interval later, rewriting its random-key index leaves twice for them. Any checkpoint, whoever made it (a catalog
     * change, a caller, this thread), starts the wait again for the changes after it.
     */
    private long oldestChangeAgeNanos() {
        long now = System.nanoTime();
        long checkpoints = checkpointer.checkpoints();
        if (changedSinceNanos < 0 || checkpoints != checkpointsSeen) {
            changedSinceNanos = now;
            checkpointsSeen = checkpoints;
        }
        return now - changedSinceNanos;
    }

    private long writtenBytes() {
        return store.getFileStore() instanceof SnapshotSignallingFileStore file ? file.writtenBytes() : 0;
    }

    /**
     * Keeps a store under constant writes from growing without bound. A checkpoint supersedes pages in older chunks,
     * and a chunk's space is reused only once none of its pages is live; a chunk that keeps a few live pages (of a
     * map written in order, say) keeps all its space. Idle compaction never comes while writes go on, so after a
     * checkpoint that wrote {@code written} bytes, up to as many live bytes of the sparsest chunks are rewritten
     * (MVStore's own background writer does the same), to go into the next checkpoint and free their old chunks.
     */
    private void reclaimWhileBusy(long written) {
        FileStore<?> file = store.getFileStore();
        if (file == null || written <= 0 || file.getChunksFillRate() >= BUSY_COMPACTION_FILL_RATE) {
            return;
        }
        int limit = (int) Math.min(MAX_BUSY_REWRITE_BYTES, Math.max(MIN_BUSY_REWRITE_BYTES, written));
        if (store.compact(BUSY_COMPACTION_FILL_RATE, limit)) {
            busyCompactions.incrementAndGet();
        }
    }

    /** Rounds of compaction while busy so far; for tests. */
    long busyCompactions() {
        return busyCompactions.get();
    }

    /**
     * Runs steps of the {@link WritePauseWork} for up to {@link #IDLE_COMPACTION_BUDGET} once writes have paused for
     * {@code idleBeforeCompaction}, each step as an operation (so no checkpoint splits it, and compaction waits until
     * the work is done); stops as soon as a client writes again.
     */
    private void runPauseWorkIfDue() {
        long writes = pauseWork.writes().getAsLong();
        if (writes != lastSeenWrites) {
            lastSeenWrites = writes;
            writesQuietSinceNanos = System.nanoTime();
            pauseWorkPending = true;
            return;
        }
        if (!pauseWorkPending || System.nanoTime() - writesQuietSinceNanos < idleBeforeCompaction.toNanos()) {
            return;
        }
        long deadline = System.nanoTime() + IDLE_COMPACTION_BUDGET.toNanos();
        boolean more;
        do {
            more = gate.duringOperation(pauseWork.step()::getAsBoolean);
        } while (more && System.nanoTime() < deadline && pauseWork.writes().getAsLong() == writes && !store.isClosed());
        pauseWorkPending = more;
    }

    /**
     * Idle means neither writes (the version would change) nor any other client operation: a round of
     * compaction holds every operation off, so it must not run under a client that is only reading.
     */
    private boolean idleLongEnough() {
        long version = store.getCurrentVersion();
        long operations = gate.operations();
        if (version != lastSeenVersion || operations != lastSeenOperations) {
            lastSeenVersion = version;
            lastSeenOperations = operations;
            quietSinceNanos = System.nanoTime();
            return false;
        }
        return System.nanoTime() - quietSinceNanos >= idleBeforeCompaction.toNanos();
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
        if (cursors.anyOpen()) {
            // an open cursor pins the version it reads (OpenCursors), so a round could rewrite chunks but free none
            // of them: the file would grow, and the rounds without headway would end compaction until the next write
            return false;
        }
        long versionBefore = store.getCurrentVersion();
        long sizeBefore = store.getFileStore().size();
        boolean ran = gate.exclusivelyIfIdle(() -> FileCompactor.compact(store, IDLE_COMPACTION_BUDGET));
        if (ran) {
            compactions.incrementAndGet();
            lastSeenVersion = store.getCurrentVersion();
            // a large store's rounds rewrite chunk after chunk before moving one frees the end of the file (eight
            // rounds after a 1M bulk load); a store that many rounds cannot shorten is left until it is written again
            long sizeAfter = store.getFileStore().size();
            roundsWithoutShrinking = sizeAfter < sizeBefore ? 0 : roundsWithoutShrinking + 1;
            boolean noProgress = lastSeenVersion == versionBefore && sizeAfter == sizeBefore;
            if (isDense() || noProgress || roundsWithoutShrinking >= MAX_ROUNDS_WITHOUT_SHRINKING) {
                roundsWithoutShrinking = 0;
                lastCompactedVersion = lastSeenVersion; // done, or nothing left it can do: wait for new writes
            }
        }
        return ran;
    }

    /** Compaction rounds run so far; for tests. */
    long compactions() {
        return compactions.get();
    }

    private boolean isDense() {
        return FileCompactor.isDense(store);
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
