package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.h2.mvstore.MVStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The server's list of open cursors must not keep a closed cursor, and the pages its walk read, alive: a tracking
 * reader closes hundreds of cursors a second.
 */
class OpenCursorsTest {

    private final CursorRegistry registry = new CursorRegistry();
    private final MVStore store = new MVStore.Builder().open();
    private final OpenCursors cursors = new OpenCursors(registry, store);

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void a_cursor_the_client_closed_is_not_kept_alive_until_the_next_sweep() {
        WeakReference<StreamingCursor> closed = openAndClose();

        assertThat(collected(closed)).as("collected while only the open-cursor list refers to it").isTrue();
        assertThat(cursors.closeIdle(OpenCursors.IDLE_TIMEOUT)).isZero();
        assertThat(cursors.size()).isZero();
    }

    @Test
    void an_open_cursor_stays_until_it_is_closed_for_being_idle() {
        StreamingCursor open = cursors.open(documents(100).iterator(), UnaryOperator.identity());
        WeakReference<StreamingCursor> reference = new WeakReference<>(open);
        open = null; // only the registry holds it now, as when a client has not come back for its next batch

        assertThat(collected(reference)).isFalse();
        assertThat(cursors.closeIdle(OpenCursors.IDLE_TIMEOUT)).isZero();
        assertThat(cursors.size()).isEqualTo(1);

        assertThat(cursors.closeIdle(Duration.ZERO)).isEqualTo(1);
        assertThat(registry.size()).isZero();
        assertThat(cursors.size()).isZero();
    }

    private WeakReference<StreamingCursor> openAndClose() {
        StreamingCursor cursor = cursors.open(documents(1_000).iterator(), UnaryOperator.identity());
        assertThat(cursor.takeDocuments(100)).hasSize(100);
        registry.remove(cursor.getId()); // what killCursors, or reading it to its end, does
        return new WeakReference<>(cursor);
    }

    /** Whether the referent is gone after a few full collections. */
    private static boolean collected(WeakReference<?> reference) {
        for (int attempt = 0; attempt < 20 && reference.get() != null; attempt++) {
            System.gc();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return reference.get() == null;
    }

    private static List<Document> documents(int count) {
        List<Document> documents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            documents.add(new Document("_id", i).append("payload", "x".repeat(100)));
        }
        return documents;
    }
}
