package io.operadb.embeddedmongo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private final GroupCommitter committer;
    private final StoreMaintenance maintenance;
    private final QueryMetrics queryMetrics;
    private final MongoServer server;
    private final InetSocketAddress address;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedMongoServer(EmbeddedMongoSettings settings) {
        this.settings = settings;
        this.store = openStore(settings);
        this.gate = new CommitGate();
        this.committer = new GroupCommitter(store, gate);
        this.maintenance = new StoreMaintenance(store, committer, gate);
        DurableH2Backend backend;
        try {
            backend = new DurableH2Backend(store, gate, committer);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
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

    public static EmbeddedMongoServer start(EmbeddedMongoSettings settings) {
        Objects.requireNonNull(settings, "settings");
        EmbeddedMongoServer started = new EmbeddedMongoServer(settings);
        log.info("Embedded MongoDB listening on {} using {}", started.connectionString(),
            settings.isInMemory() ? "memory only (no file)" : "file " + settings.dataFile().toAbsolutePath());
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

    /** Size of the data file in bytes, 0 in memory. */
    long fileSize() {
        return store.getFileStore() == null ? 0 : store.getFileStore().size();
    }

    /** Whether changes exist that are not yet committed to the file; for tests. */
    boolean hasUncommittedChanges() {
        return store.hasUnsavedChanges();
    }

    /** Commits (each followed by an fsync) done so far; for tests of group commit. */
    long commits() {
        return committer.commits();
    }

    /** Total time commits have kept every operation out, in nanoseconds; for benchmarks. */
    long commitExclusiveNanos() {
        return committer.exclusiveNanos();
    }

    /** The longest time one commit kept every operation out, in nanoseconds; for benchmarks. */
    long longestCommitExclusiveNanos() {
        return committer.longestExclusiveNanos();
    }

    /** Client operations so far that count against idleness (driver heartbeats and pings do not); for tests. */
    long clientOperations() {
        return gate.operations();
    }

    /** Writes that asked for {@code j: true} so far. */
    long journaledWrites() {
        return committer.journaledWrites();
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
            builder.adoptFileStore(SnapshotSignallingFileStore.open(dataFile.toAbsolutePath().toString(), settings.cacheSizeMb()));
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
