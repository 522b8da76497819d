package io.operadb.embeddedmongo;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

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
 */
final class OpenCursors {

    /** MongoDB's default {@code cursorTimeoutMillis}. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

    private final CursorRegistry registry;
    private final Map<Long, WeakReference<StreamingCursor>> cursors = new ConcurrentHashMap<>();

    OpenCursors(CursorRegistry registry) {
        this.registry = registry;
    }

    /** Registers a new cursor with the server's registry, where clients find it by id. */
    StreamingCursor open(Iterator<Document> matches, UnaryOperator<List<Document>> projection) {
        StreamingCursor cursor = new StreamingCursor(registry.generateCursorId(), matches, projection);
        registry.add(cursor);
        cursors.put(cursor.getId(), new WeakReference<>(cursor));
        return cursor;
    }

    /**
     * Forgets the cursors that are closed (by the client, or read to their end) and closes those unused for longer
     * than {@code timeout}; returns how many it closed.
     */
    int closeIdle(Duration timeout) {
        long now = System.nanoTime();
        int closed = 0;
        for (Iterator<WeakReference<StreamingCursor>> open = cursors.values().iterator(); open.hasNext(); ) {
            StreamingCursor cursor = open.next().get();
            if (cursor == null || !isRegistered(cursor)) {
                open.remove();
            } else if (now - cursor.lastUsedNanos() >= timeout.toNanos()) {
                registry.remove(cursor.getId());
                open.remove();
                closed++;
            }
        }
        return closed;
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
