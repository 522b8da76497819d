package io.operadb.embeddedmongo;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A server-side cursor that reads its documents from a lazy walk (an index range or the collection) only as the
 * client asks for them, instead of holding every remaining match from the start as mongo-java-server's in-memory
 * cursor does. A client that reads one batch and closes the cursor therefore pays for one batch, as with MongoDB.
 * <p>
 * Documents deleted after the walk began are skipped, and changed ones are matched against the query again when
 * reached, as a MongoDB cursor without snapshot isolation would.
 */
final class StreamingCursor extends AbstractCursor {

    private final Iterator<Document> matches;
    private final UnaryOperator<List<Document>> projection;
    private volatile long lastUsedNanos = System.nanoTime();

    /**
     * @param matches    the documents still to return, already filtered, skipped and limited
     * @param projection applies the query's projection to a batch
     */
    StreamingCursor(long id, Iterator<Document> matches, UnaryOperator<List<Document>> projection) {
        super(id);
        this.matches = matches;
        this.projection = projection;
    }

    /** Up to {@code count} documents from {@code matches} (all of them if {@code count} is not positive). */
    static List<Document> take(Iterator<Document> matches, int count) {
        List<Document> batch = new ArrayList<>(count > 0 ? Math.min(count, 1_024) : 16);
        while ((count <= 0 || batch.size() < count) && matches.hasNext()) {
            batch.add(matches.next());
        }
        return batch;
    }

    @Override
    public synchronized boolean isEmpty() {
        return !matches.hasNext();
    }

    /** A {@code getMore} without batch size (0) takes everything that is left, as MongoDB's does within its reply size. */
    @Override
    public synchronized List<Document> takeDocuments(int numberToReturn) {
        lastUsedNanos = System.nanoTime();
        return projection.apply(take(matches, numberToReturn));
    }

    /** When a client last took documents from it (or it was opened), by {@link System#nanoTime()}. */
    long lastUsedNanos() {
        return lastUsedNanos;
    }
}
