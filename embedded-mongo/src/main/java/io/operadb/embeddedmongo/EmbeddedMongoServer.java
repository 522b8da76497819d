package io.operadb.embeddedmongo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoServer;

/**
 * An in-JVM MongoDB wire-protocol server on mongo-java-server's H2 (MVStore) backend.
 * <p>
 * Start it with {@link #start(EmbeddedMongoSettings)}, connect any MongoDB client to
 * {@link #connectionString()}, and {@link #close()} it to commit and release the file.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    private final EmbeddedMongoSettings settings;
    private final MVStore store;
    private final CommitGate gate;
    private final Checkpointer checkpointer;
    private final Durability durability;
    private final Journal journal;
    private final OpenCursors cursors;
    private final StoreMaintenance maintenance;
    private final QueryMetrics queryMetrics;
    private final MongoServer server;
    private final InetSocketAddress address;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The merging of index segments that waits for writes to pause. */
    private final StoreMaintenance.WritePauseWork mergeWork;

    private EmbeddedMongoServer(EmbeddedMongoSettings settings) {
        this.settings = settings;
        this.store = openStore(settings);
        this.gate = new CommitGate();
        DurableH2Backend backend;
        try {
            backend = new DurableH2Backend(store, gate, settings.indexSegmentEntries());
            this.journal = settings.isInMemory() ? null : openJournal(backend, settings.dataFile().toAbsolutePath());
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
        this.checkpointer = backend.checkpointer();
        this.durability = backend.durability();
        this.cursors = backend.openCursors();
        this.maintenance = new StoreMaintenance(store, checkpointer, durability, gate, cursors,
            settings.checkpointInterval());
        this.mergeWork = new StoreMaintenance.WritePauseWork(backend.journalSink()::changes, backend.segmentMerges()::step);
        maintenance.whenWritesPause(mergeWork);
        this.queryMetrics = backend.queryMetrics();
        this.server = new MongoServer(backend);
        try {
            server.bind(settings.host(), settings.port());
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
        this.address = server.getLocalAddress();
        maintenance.start();
    }

    /**
     * Replays the journal onto the store as its last checkpoint left it, then journals from a new segment on. If
     * there were segments, a checkpoint right away puts what they replayed into the file, records the new segment
     * and retires the old ones (whatever a torn one holds after its tear must never be replayed later).
     */
    private static Journal openJournal(DurableH2Backend backend, Path dataFile) {
        Path directory = Journal.directoryOf(dataFile);
        MVStore store = backend.getMvStore();
        long first = Checkpointer.nextSegmentRecordedIn(store);
        JournalReplay.replay(directory, first, backend::resolveDatabase);
        List<Long> existing = Journal.segmentsIn(directory);
        long next = Math.max(first, existing.stream().mapToLong(segment -> segment + 1).max().orElse(0));
        Journal journal = Journal.open(directory, next);
        backend.journalSink().attach(journal);
        backend.checkpointer().useJournal(journal);
        backend.durability().useJournal(journal);
        if (!existing.isEmpty() || next != first) {
            backend.checkpointer().checkpointJournalState();
        }
        return journal;
    }

    public static EmbeddedMongoServer start(EmbeddedMongoSettings settings) {
        Objects.requireNonNull(settings, "settings");
        EmbeddedMongoServer started = new EmbeddedMongoServer(settings);
        log.info("Embedded MongoDB listening on {} using {}", started.connectionString(), settings.isInMemory()
            ? "memory only (no file)"
            : "file " + settings.dataFile().toAbsolutePath() + " with a page cache of " + settings.cacheSizeMb() + " MB");
        return started;
    }

    /** For example {@code mongodb://localhost:27017}. */
    public String connectionString() {
        return "mongodb://" + settings.host() + ":" + port();
    }

    public int port() {
        return address.getPort();
    }

    /** How queries were answered: through indexes or by collection scans. */
    public QueryMetrics queryMetrics() {
        return queryMetrics;
    }

    public EmbeddedMongoSettings settings() {
        return settings;
    }

    /** Runs the idle compaction now, as the maintenance thread does after a quiet spell; for tests. */
    boolean compactIfIdle() {
        return maintenance.compactIfIdle();
    }

    /** Rounds of idle compaction run so far; for benchmarks. */
    long idleCompactions() {
        return maintenance.compactions();
    }

    /** Size of the data file in bytes, 0 in memory. */
    long fileSize() {
        return store.getFileStore() == null ? 0 : store.getFileStore().size();
    }

    /** Reads from the data file so far (pages not found in the page cache, and the file's own headers); 0 in memory. */
    long pageReads() {
        return store.getFileStore() == null ? 0 : store.getFileStore().getReadCount();
    }

    /** Whether changes exist that are not yet committed to the file; for tests. */
    boolean hasUncommittedChanges() {
        return store.hasUnsavedChanges();
    }

    /** Checkpoints (commits of the store file, each followed by an fsync) done so far. */
    long checkpoints() {
        return checkpointer.checkpoints();
    }

    /** Syncs of the journal for waiting writers (or checkpoints standing in for them); for tests of group commit. */
    long groupCommits() {
        return durability.groupCommits();
    }

    /** Total time checkpoints have kept every operation out, in nanoseconds; for benchmarks. */
    long commitExclusiveNanos() {
        return checkpointer.exclusiveNanos();
    }

    /** The longest time one checkpoint kept every operation out, in nanoseconds; for benchmarks. */
    long longestCommitExclusiveNanos() {
        return checkpointer.longestExclusiveNanos();
    }

    /**
     * One step of what the store does once writes pause (merging the indexes' small segments), as its maintenance
     * runs it, without the wait; whether more remains. For tests.
     */
    boolean mergeIndexSegmentsStep() {
        return gate.duringOperation(mergeWork.step()::getAsBoolean);
    }

    /** The names of the store's index maps, a map per segment of each index; for tests. */
    List<String> indexMapNames() {
        return store.getMapNames().stream().filter(IndexedH2Database::isIndexMap).toList();
    }

    /** Client operations so far that count against idleness (driver heartbeats and pings do not); for tests. */
    long clientOperations() {
        return gate.operations();
    }

    /** Writes that asked for {@code j: true} so far. */
    long journaledWrites() {
        return durability.journaledWrites();
    }

    /**
     * Stops as a {@code kill -9} would: nothing more reaches the files (no checkpoint, no journal write), so what a
     * restart finds is what was on disk at this moment; for tests of recovery.
     */
    void haltAbruptly() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        maintenance.close();
        if (journal != null) {
            journal.close();
        }
        store.closeImmediately();
        server.shutdownNow(); // the backend finds the store closed and writes nothing
    }

    /** The journal's segment files; for tests. */
    List<Path> journalSegments() {
        if (settings.isInMemory()) {
            return List.of();
        }
        Path directory = Journal.directoryOf(settings.dataFile().toAbsolutePath());
        return Journal.segmentsIn(directory).stream().map(segment -> Journal.segmentFile(directory, segment)).toList();
    }

    /** Closes the cursors unused for {@code idle}, as the maintenance thread does after ten minutes; for tests. */
    int closeCursorsIdleFor(Duration idle) {
        return cursors.closeIdle(idle);
    }

    /** Streaming cursors handed out and not known to be closed; for tests. */
    int openCursors() {
        cursors.closeIdle(Duration.ofDays(1)); // forgets the closed ones
        return cursors.size();
    }

    /** Checkpoints now, as the maintenance thread does every few seconds; for tests. */
    void checkpoint() {
        checkpointer.checkpoint();
    }

    /** Disconnects clients, commits everything, compacts the file briefly and closes it. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // stop the background commits first, so that nothing commits behind the final commit's back
        maintenance.close();
        // closes the clients and the event loops, then the backend, which commits, compacts and closes the store
        server.shutdownNow();
        if (!store.isClosed()) {
            store.close(); // only if the backend's close failed
        }
        if (journal != null) {
            // the backend's close checkpointed, which retired every segment with changes; nothing is deleted here,
            // so that if that checkpoint failed the next start still replays them
            journal.close();
        }
        log.info("Embedded MongoDB on port {} closed", port());
    }

    private static MVStore openStore(EmbeddedMongoSettings settings) {
        Path dataFile = settings.dataFile();
        MVStore.Builder builder = new MVStore.Builder()
            // MVStore's own writer thread would commit at arbitrary moments; StoreMaintenance commits instead
            .autoCommitDisabled()
            // and writers must not trigger commits themselves when their buffer fills up
            .autoCommitBufferSize(0);
        if (dataFile != null) {
            createParentDirectories(dataFile);
            StoreRewriter.removeLeftovers(dataFile.toAbsolutePath());
            // opened here, not by MVStore, to learn when a commit has taken its snapshot
            // about what a checkpoint writes under load, at most
            builder.adoptFileStore(SnapshotSignallingFileStore.open(dataFile.toAbsolutePath().toString(), settings.cacheSizeMb(),
                (int) ChangedPagesBound.maxWrittenBytes()));
        } else {
            builder.cacheSize(settings.cacheSizeMb());
        }
        return builder.open();
    }

    private static void createParentDirectories(Path dataFile) {
        Path parent = dataFile.toAbsolutePath().getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create directory " + parent, e);
            }
        }
    }
}
