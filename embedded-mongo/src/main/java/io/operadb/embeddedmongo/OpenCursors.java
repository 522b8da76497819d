package io.operadb.embeddedmongo;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.CursorNotFoundException;

/**
 * The {@link StreamingCursor}s the server handed out, so that one a client abandoned without closing it is closed
 * after {@link #IDLE_TIMEOUT} of disuse, as MongoDB does (mongo-java-server's registry keeps a cursor until the
 * client closes it). A streaming cursor holds on to the pages of its walk, so it must not live forever.
 * <p>
 * It holds them weakly: while a cursor is open the server's registry holds it, and once a client has closed it
 * (or read it to its end) nothing should. A tracking reader opens and closes a cursor per batch, hundreds a
 * second; held here until the next sweep, each kept the pages it had just read alive through a young collection,
 * which then copied and promoted them.
 * <p>
 * Each open cursor also pins the store version its walk reads ({@link MVStore#registerVersionUsage}): the pages it
 * has not reached yet are read from the file by position when the client asks for more, and MVStore frees a chunk
 * that later versions no longer use once no pinned version needs it. Unpinned, a cursor that a client read slowly
 * failed with "Chunk not found" after a compaction or, under writes, after MVStore's retention time. A cursor is
 * unpinned when a sweep finds it closed, so a version stays pinned up to one sweep interval longer than needed.
 */
final class OpenCursors {

    /** MongoDB's default {@code cursorTimeoutMillis}. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

    private final CursorRegistry registry;
    private final MVStore store;
    private final Map<Long, OpenCursor> cursors = new ConcurrentHashMap<>();

    /** A cursor handed out, held weakly, and the store version it pins. */
    private record OpenCursor(WeakReference<StreamingCursor> cursor, MVStore.TxCounter version) {
    }

    OpenCursors(CursorRegistry registry, MVStore store) {
        this.registry = registry;
        this.store = store;
    }

    /**
     * Registers a new cursor with the server's registry, where clients find it by id, and pins the store's current
     * version. Called within the client operation that began the walk, so no commit can have changed the version
     * since (commits wait for operations to finish).
     */
    StreamingCursor open(Iterator<Document> matches, UnaryOperator<List<Document>> projection) {
        StreamingCursor cursor = new StreamingCursor(registry.generateCursorId(), matches, projection);
        MVStore.TxCounter version = store.registerVersionUsage();
        registry.add(cursor);
        cursors.put(cursor.getId(), new OpenCursor(new WeakReference<>(cursor), version));
        return cursor;
    }

    /**
     * Forgets the cursors that are closed (by the client, or read to their end) and closes those unused for longer
     * than {@code timeout}, unpinning their versions; returns how many it closed.
     */
    int closeIdle(Duration timeout) {
        long now = System.nanoTime();
        int closed = 0;
        for (Map.Entry<Long, OpenCursor> open : cursors.entrySet()) {
            StreamingCursor cursor = open.getValue().cursor().get();
            if (cursor == null || !isRegistered(cursor)) {
                forget(open);
            } else if (now - cursor.lastUsedNanos() >= timeout.toNanos()) {
                registry.remove(cursor.getId());
                if (forget(open)) {
                    closed++;
                }
            }
        }
        return closed;
    }

    /** Removes the cursor and unpins its version, unless another sweep did so first; returns whether this one did. */
    private boolean forget(Map.Entry<Long, OpenCursor> open) {
        if (!cursors.remove(open.getKey(), open.getValue())) {
            return false;
        }
        store.deregisterVersionUsage(open.getValue().version());
        return true;
    }

    /**
     * Whether any cursor is still open, after forgetting those closed since the last sweep (and closing those unused
     * for {@link #IDLE_TIMEOUT}).
     */
    boolean anyOpen() {
        closeIdle(IDLE_TIMEOUT);
        return !cursors.isEmpty();
    }

    /** Cursors handed out and not yet known to be closed (some of them may be, until the next sweep). */
    int size() {
        return cursors.size();
    }

    private boolean isRegistered(StreamingCursor cursor) {
        try {
            return registry.getCursor(cursor.getId()) == cursor;
        } catch (CursorNotFoundException e) {
            return false;
        }
    }
}
