package io.operadb.embeddedmongo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The H2 backend with three additions: document changes are journaled ({@link Journal}), commits happen only
 * between operations (see {@link CommitGate}), and a command carrying write concern {@code j: true} is answered only
 * once its changes are durable ({@link Durability}).
 */
class DurableH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);

    /** How long closing may spend compacting the file. */
    static final Duration SHUTDOWN_COMPACTION_BUDGET = Duration.ofSeconds(2);
    /** Live data up to this size is copied into a fresh file at shutdown (about a second of work). */
    static final long FULL_REWRITE_MAX_LIVE_BYTES = 128L * 1024 * 1024;

    /**
     * Commands that drivers send to monitor a server (the Java driver an {@code isMaster} every 10 s per
     * client) and that mongo-java-server answers without touching the store. They bypass the gate, so
     * they neither wait for a commit nor count as client activity that keeps the store from being idle.
     */
    private static final Set<String> MONITORING_COMMANDS = Set.of("ismaster", "ping", "buildinfo", "whatsmyuri");

    private final CommitGate gate;
    private final Checkpointer checkpointer;
    private final Durability durability;
    /**
     * Created on first use, not here: H2Backend's constructor already opens the databases found in
     * the file, calling {@link #openOrCreateDatabase} before this class's fields are assigned.
     * A field without initialiser keeps the value assigned during that call.
     */
    private QueryMetrics queryMetrics;
    private JournalSink journalSink;
    private CatalogChanges catalogChanges;
    private OpenCursors openCursors;
    private SegmentMerges segmentMerges;
    /** Read when an index starts a segment, so that indexes opened by H2Backend's constructor get it too. */
    private long indexSegmentEntries;

    DurableH2Backend(MVStore store, CommitGate gate, long indexSegmentEntries) {
        super(store);
        this.gate = gate;
        this.indexSegmentEntries = indexSegmentEntries;
        this.checkpointer = new Checkpointer(store, gate, catalogChanges());
        this.durability = new Durability(checkpointer);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (command.equalsIgnoreCase("hello")) {
            // MongoDB's successor of isMaster, which monitoring clients (Spring Boot's health check) send;
            // mongo-java-server answers only isMaster
            Document response = super.handleCommand(channel, databaseName, "isMaster", query);
            response.put("isWritablePrimary", Boolean.TRUE);
            return response;
        }
        if (MONITORING_COMMANDS.contains(command.toLowerCase(Locale.ROOT))) {
            return super.handleCommand(channel, databaseName, command, query);
        }
        Document response = gate.duringOperation(() -> super.handleCommand(channel, databaseName, command, query));
        if (WriteConcerns.requestsJournal(command, query)) {
            durability.awaitDurable();
        }
        return response;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        catalogChanges().changing();
        return new IndexedH2Database(databaseName, getMvStore(), getCursorRegistry(), queryMetrics(), journalSink(),
            catalogChanges(), openCursors(), this::indexSegmentEntries, segmentMerges());
    }

    private long indexSegmentEntries() {
        return indexSegmentEntries > 0 ? indexSegmentEntries : EmbeddedMongoSettings.DEFAULT_INDEX_SEGMENT_ENTRIES;
    }

    /** The collections, for merging their indexes' small segments while writes pause. */
    synchronized SegmentMerges segmentMerges() {
        if (segmentMerges == null) {
            segmentMerges = new SegmentMerges();
        }
        return segmentMerges;
    }

    synchronized QueryMetrics queryMetrics() {
        if (queryMetrics == null) {
            queryMetrics = new QueryMetrics();
        }
        return queryMetrics;
    }

    /** Where the collections' changes go; attach the journal once it is replayed. */
    synchronized JournalSink journalSink() {
        if (journalSink == null) {
            journalSink = new JournalSink();
        }
        return journalSink;
    }

    /** The streaming cursors handed out, closed after a long disuse by the maintenance thread. */
    synchronized OpenCursors openCursors() {
        if (openCursors == null) {
            openCursors = new OpenCursors(getCursorRegistry(), getMvStore());
        }
        return openCursors;
    }

    private synchronized CatalogChanges catalogChanges() {
        if (catalogChanges == null) {
            catalogChanges = new CatalogChanges();
        }
        return catalogChanges;
    }

    Checkpointer checkpointer() {
        return checkpointer;
    }

    Durability durability() {
        return durability;
    }

    /**
     * Closes the store and leaves the file small: a file mostly made of dead space is rewritten
     * completely if its live data is small enough to copy quickly, a dense file is left as it is, and any other is
     * compacted in place within a time budget.
     */
    @Override
    public void close() {
        MVStore store = getMvStore();
        if (store.isClosed() || isInMemory()) {
            super.close();
            return;
        }
        Path file = Path.of(store.getFileStore().getFileName());
        checkpointer.checkpoint(); // everything in the file: the journal is empty from here on
        boolean rewrite = gate.exclusively(() -> {
            // measured once, judged and logged from the same figures: the estimate rests on MVStore's account of dead
            // pages, and a file left large must be explainable from the log
            long size = store.getFileStore().size();
            long live = FileCompactor.estimatedLiveBytes(store);
            if (StoreRewriter.isWorthwhile(size, live, FULL_REWRITE_MAX_LIVE_BYTES)) {
                log.info("closing {}: {} bytes with about {} bytes of live data, rewriting it", file.getFileName(), size, live);
                return true;
            }
            if (FileCompactor.isDense(store)) {
                // compacting in place would rewrite its sparser chunks at the end of the file, and could run out of
                // time before moving them back: the file would be left longer than it was
                log.info("closing {}: {} bytes with about {} bytes of live data, dense: leaving it as it is",
                    file.getFileName(), size, live);
                return false;
            }
            log.info("closing {}: {} bytes with about {} bytes of live data, compacting it in place for at most {} ms",
                file.getFileName(), size, live, SHUTDOWN_COMPACTION_BUDGET.toMillis());
            FileCompactor.compact(store, SHUTDOWN_COMPACTION_BUDGET);
            return false;
        });
        super.close(); // commits what compaction rewrote, marks the file cleanly closed, closes it
        if (rewrite) {
            try {
                StoreRewriter.rewrite(file);
            } catch (RuntimeException e) {
                // the original file is intact: a failed compaction must not fail the shutdown
                log.warn("could not compact {} at shutdown", file, e);
            }
        }
    }
}
