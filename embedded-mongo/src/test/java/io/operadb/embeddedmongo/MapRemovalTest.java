package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Removing an index map whose leaves were written by several commits, partly read back since: the map is gone, at once
 * and after a reopen, the file's account of live pages lets compaction shrink it, and the other maps keep every entry.
 */
class MapRemovalTest {

    @Test
    void a_map_written_over_several_commits_is_removed_whole_and_its_pages_become_dead(@TempDir Path directory) {
        String file = directory.resolve("removal.mv").toString();
        Random random = new Random(7);
        try (MVStore store = new MVStore.Builder().fileName(file).autoCommitDisabled().open()) {
            MVMap<byte[], Object> removed = store.openMap("removed", OrderedIndex.mapBuilder());
            MVMap<byte[], Object> kept = store.openMap("kept", OrderedIndex.mapBuilder());
            for (int commit = 0; commit < 8; commit++) {
                for (int i = 0; i < 5_000; i++) {
                    removed.put(KeyBytes.concat(randomBytes(random), DocumentIdentity.encode(commit * 5_000 + i)), PresenceType.PRESENT);
                    kept.put(KeyBytes.concat(randomBytes(random), DocumentIdentity.encode(commit * 5_000 + i)), PresenceType.PRESENT);
                }
                store.commit();
            }
            int liveBefore = store.getFileStore().getChunksFillRate();

            MapRemoval.remove(store, removed);
            store.commit();

            assertThat(store.hasMap("removed")).isFalse();
            assertThat(kept.sizeAsLong()).isEqualTo(40_000);
            assertThat(store.getFileStore().getChunksFillRate()).as("share of live data in the chunks").isLessThan(liveBefore);
        }
        try (MVStore store = new MVStore.Builder().fileName(file).autoCommitDisabled().open()) {
            assertThat(store.hasMap("removed")).isFalse();
            MVMap<byte[], Object> kept = store.openMap("kept", OrderedIndex.mapBuilder());
            assertThat(kept.sizeAsLong()).isEqualTo(40_000);
            assertThat(kept.keyIterator(null)).toIterable().hasSize(40_000);
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return bytes;
    }
}
