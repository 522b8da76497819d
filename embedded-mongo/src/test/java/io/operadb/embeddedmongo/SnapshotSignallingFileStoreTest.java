package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards what {@link Checkpointer} relies on to let writers in during a commit: the signal comes after
 * the commit's snapshot is taken, so a change made after it is not in that commit, and before the commit
 * is done, so writers really do run meanwhile.
 */
class SnapshotSignallingFileStoreTest {

    @TempDir
    Path tempDir;

    @Test
    void a_change_made_after_the_signal_is_not_in_the_commit_and_the_signal_comes_before_the_commit_ends() throws Exception {
        Path file = tempDir.resolve("snapshot.mv");
        MVStore store = open(file);
        MVMap<String, String> documents = store.openMap("documents");
        MVMap<String, String> index = store.openMap("index");
        store.commit();
        documents.put("d1", "before");
        index.put("k1", "d1");
        AtomicBoolean signalled = new AtomicBoolean();
        long writesBefore = store.getFileStore().getWriteCount();

        long version = SnapshotSignallingFileStore.commit(store, () -> {
            signalled.set(true);
            // a writer let in by the signal, while the commit is still under way
            Thread writer = new Thread(() -> {
                documents.put("d2", "after");
                index.put("k2", "d2");
            });
            writer.start();
            try {
                writer.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            assertThat(store.getFileStore().getWriteCount()).as("nothing of the commit written yet").isEqualTo(writesBefore);
        });

        assertThat(signalled).isTrue();
        assertThat(store.getFileStore().getWriteCount()).isGreaterThan(writesBefore);
        assertThat(version).isPositive();
        assertThat(store.hasUnsavedChanges()).as("the writer's change awaits the next commit").isTrue();
        store.closeImmediately(); // a crash: no further commit

        MVStore reopened = open(file);
        try {
            assertThat(reopened.<String, String>openMap("documents")).containsOnlyKeys("d1");
            assertThat(reopened.<String, String>openMap("index")).containsOnlyKeys("k1");
        } finally {
            reopened.close();
        }
    }

    @Test
    void the_signal_comes_once_also_when_there_is_nothing_to_commit() {
        MVStore store = open(tempDir.resolve("empty.mv"));
        try {
            store.commit();
            int[] signals = new int[1];
            SnapshotSignallingFileStore.commit(store, () -> signals[0]++);
            assertThat(signals[0]).isEqualTo(1);
        } finally {
            store.close();
        }
    }

    @Test
    void commits_larger_than_the_buffers_mvstore_keeps_write_every_page_also_when_a_kept_buffer_is_reused() {
        Path file = tempDir.resolve("large.mv");
        Random random = new Random(52);
        Map<Integer, byte[]> expected = new HashMap<>();
        MVStore store = open(file);
        MVMap<Integer, byte[]> map = store.openMap("large");
        int[] sizes = {8_000, 12_000, 6_000, 10, 9_000}; // KB per commit: grows, reuses, gives up (small), anew
        int key = 0;
        for (int size : sizes) {
            for (int i = 0; i < size; i++) {
                byte[] value = new byte[1024];
                random.nextBytes(value);
                int k = random.nextInt(4) == 0 && key > 0 ? random.nextInt(key) : key++; // some overwrites
                map.put(k, value);
                expected.put(k, value);
            }
            store.commit();
        }
        store.closeImmediately();

        MVStore reopened = open(file);
        try {
            MVMap<Integer, byte[]> read = reopened.openMap("large");
            assertThat(read.size()).isEqualTo(expected.size());
            expected.forEach((k, value) -> assertThat(read.get(k)).as("key %d", k).isEqualTo(value));
        } finally {
            reopened.close();
        }
    }

    private static MVStore open(Path file) {
        return new MVStore.Builder()
            .adoptFileStore(SnapshotSignallingFileStore.open(file.toString(), 16, 64 << 20))
            .autoCommitDisabled()
            .open();
    }
}
