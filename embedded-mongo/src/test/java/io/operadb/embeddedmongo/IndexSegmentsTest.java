package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.IntFunction;

import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An index's entries spread over segments answer as one ordered set would: random puts and removes, checked against
 * a sorted set after every step by membership, size and whether any entry has given values (which a unique index's
 * segments answer through their filters), and by walks over random ranges in both directions. Merges, as puts make
 * them and as pauses in writes do, change none of it.
 */
class IndexSegmentsTest {

    private static final int VALUES_LENGTH = 2;
    private static final IntFunction<String> NAMES = segment -> "c._oindex2s" + segment + "_a";

    @ParameterizedTest(name = "{0} entries per segment")
    @ValueSource(longs = {1, 3, 7, 16, 1_000})
    void segments_answer_as_one_sorted_set_would(long entriesPerSegment) {
        for (long seed = 1; seed <= 25; seed++) {
            Random random = new Random(seed * 7919 + entriesPerSegment);
            MVStore store = new MVStore.Builder().open();
            IndexSegments segments = IndexSegments.open(store, NAMES, () -> entriesPerSegment, entriesPerSegment % 2 == 1);
            NavigableSet<byte[]> model = new TreeSet<>(KeyBytes::compare);
            for (int step = 0; step < 300; step++) {
                byte[] key = randomKey(random);
                if (random.nextInt(3) > 0) {
                    if (model.add(key)) { // an index never puts an entry it holds already
                        segments.put(key);
                    }
                } else {
                    assertThat(segments.remove(key)).as("seed %d step %d: removed", seed, step).isEqualTo(model.remove(key));
                }
                assertThat(segments.size()).as("seed %d step %d: size", seed, step).isEqualTo(model.size());
                byte[] probe = randomKey(random);
                assertThat(segments.contains(probe)).as("seed %d step %d: contains", seed, step).isEqualTo(model.contains(probe));
                byte[] values = Arrays.copyOf(probe, VALUES_LENGTH);
                KeyRange sameValues = KeyRange.withPrefix(values);
                boolean held = model.stream().anyMatch(sameValues::contains);
                assertThat(segments.anyWithValues(sameValues, values, null)).as("seed %d step %d: any with values", seed, step)
                    .isEqualTo(held);
                if (step % 10 == 0) {
                    assertWalksAgree(segments, model, random, "seed " + seed + " step " + step);
                }
                if (random.nextInt(15) == 0) { // writes pause: a step of merging, between the puts and removes
                    segments.mergeWhileWritesPause(1 + random.nextInt(6));
                }
            }
            if (entriesPerSegment < 50) {
                assertThat(segments.count()).as("seed %d: segments", seed).isGreaterThan(1);
            }
            store.close();
        }
    }

    @Test
    void segments_reopen_from_the_file_and_clear_removes_all_but_the_first(@TempDir Path directory) {
        String file = directory.resolve("segments.mv").toString();
        List<byte[]> keys = new ArrayList<>();
        int count;
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            IndexSegments segments = IndexSegments.open(store, NAMES, () -> 4, true);
            for (int i = 0; i < 18; i++) { // the newest takes one entry; fours of them merge
                byte[] key = KeyBytes.concat(new byte[] {(byte) (17 * i % 29 + 1)}, DocumentIdentity.encode(i));
                keys.add(key);
                segments.put(key);
            }
            count = segments.count();
            assertThat(count).isBetween(2, 17);
            store.commit();
        }
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            IndexSegments segments = IndexSegments.open(store, NAMES, () -> 4, true);
            assertThat(segments.count()).isEqualTo(count);
            assertThat(segments.size()).isEqualTo(18);
            assertThat(keys).allMatch(segments::contains);
            assertThat(IndexSegments.existingMapNames(store, NAMES)).hasSize(count);

            segments.clear();

            assertThat(segments.count()).isEqualTo(1);
            assertThat(segments.size()).isZero();
            assertThat(IndexSegments.existingMapNames(store, NAMES)).containsExactly(NAMES.apply(0));
        }
    }

    @Test
    void renamed_segments_keep_their_entries_and_name_the_next_segment_alike() {
        MVStore store = new MVStore.Builder().open();
        IndexSegments segments = IndexSegments.open(store, NAMES, () -> 2, false);
        for (int i = 0; i < 6; i++) { // six segments: the newest takes one entry, and none merge
            segments.put(KeyBytes.concat(new byte[] {(byte) (i + 1)}, DocumentIdentity.encode(i)));
        }
        IntFunction<String> renamed = segment -> "d._oindex2s" + segment + "_a";

        segments.renameTo(renamed);
        segments.put(KeyBytes.concat(new byte[] {9}, DocumentIdentity.encode(9)));

        assertThat(IndexSegments.existingMapNames(store, NAMES)).isEmpty();
        assertThat(IndexSegments.existingMapNames(store, renamed)).hasSize(7);
        assertThat(segments.size()).isEqualTo(7);
        store.close();
    }

    @Test
    void full_segments_merge_by_fours_into_few_segments() {
        MVStore store = new MVStore.Builder().open();
        IndexSegments segments = IndexSegments.open(store, NAMES, () -> 64, true); // the newest takes 64 / 4 = 16
        NavigableSet<byte[]> model = new TreeSet<>(KeyBytes::compare);
        boolean merged = false;
        for (int i = 0; i < 300; i++) {
            byte[] key = key(i);
            model.add(key);
            segments.put(key);
            merged |= segments.merging();
        }
        assertThat(merged).isTrue();
        // 300 entries in at most: four of 64, seven of 16 (three, and four while a merge runs), the newest
        assertThat(segments.count()).isBetween(2, 15);
        assertThat(IndexSegments.existingMapNames(store, NAMES)).hasSize(segments.count());
        assertThat(segments.size()).isEqualTo(model.size());
        assertThat(model).allMatch(segments::contains);
        assertThat(model).allMatch(key -> segments.anyWithValues(KeyRange.withPrefix(Arrays.copyOf(key, 2)), Arrays.copyOf(key, 2), null));
        assertWalksAgree(segments, model, new Random(1), "after merges");
        store.close();
    }

    @Test
    void a_walk_begun_before_a_merge_ends_sees_every_entry_of_its_start_once() {
        MVStore store = new MVStore.Builder().open();
        IndexSegments segments = IndexSegments.open(store, NAMES, () -> 1_024, false); // merges of 1,024 entries
        NavigableSet<byte[]> model = new TreeSet<>(KeyBytes::compare);
        int i = putUntilMerging(segments, model, 0);
        int before = segments.count();
        Iterator<Object> walk = segments.positionsIn(List.of(new KeyRange(new byte[] {0}, new byte[] {(byte) 0xFF})), false);
        Iterator<Object> stopped = segments.positionsIn(List.of(new KeyRange(new byte[] {0}, new byte[] {(byte) 0xFF})), false);
        assertThat(stopped.next()).isEqualTo(DocumentIdentity.positionOf(model.first())); // a walk under way

        while (segments.merging()) {
            segments.put(key(i++));
        }

        assertThat(segments.count()).isLessThan(before); // four segments became one
        List<Object> seen = new ArrayList<>();
        walk.forEachRemaining(seen::add);
        assertThat(seen).containsExactlyElementsOf(model.stream().map(DocumentIdentity::positionOf).toList());
        List<Object> rest = new ArrayList<>();
        stopped.forEachRemaining(rest::add);
        assertThat(rest).containsExactlyElementsOf(model.stream().skip(1).map(DocumentIdentity::positionOf).toList());
        store.close();
    }

    @Test
    void entries_removed_during_a_merge_stay_removed() {
        MVStore store = new MVStore.Builder().open();
        IndexSegments segments = IndexSegments.open(store, NAMES, () -> 1_024, false);
        NavigableSet<byte[]> model = new TreeSet<>(KeyBytes::compare);
        int i = putUntilMerging(segments, model, 0);
        for (int removed = 0; removed < 100; removed += 7) { // entries of the merged segments, some merged already
            assertThat(segments.remove(key(removed))).isTrue();
            model.remove(key(removed));
        }
        i = putWhileMerging(segments, model, i);
        assertThat(segments.size()).isEqualTo(model.size());
        for (int removed = 0; removed < 100; removed += 7) {
            assertThat(segments.contains(key(removed))).isFalse();
        }
        assertWalksAgree(segments, model, new Random(2), "after a merge with removes");
        store.close();
    }

    @Test
    void a_store_closed_during_a_merge_reopens_with_every_entry(@TempDir Path directory) {
        String file = directory.resolve("merging.mv").toString();
        NavigableSet<byte[]> model = new TreeSet<>(KeyBytes::compare);
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            IndexSegments segments = IndexSegments.open(store, NAMES, () -> 1_024, true);
            int i = putUntilMerging(segments, model, 0);
            model.add(key(i));
            segments.put(key(i)); // the merge has moved some entries
            store.commit();
        }
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            IndexSegments segments = IndexSegments.open(store, NAMES, () -> 1_024, true);
            assertThat(store.hasMap(NAMES.apply(IndexSegments.MERGE_TARGET))).isFalse();
            assertThat(segments.size()).isEqualTo(model.size());
            assertWalksAgree(segments, model, new Random(3), "reopened");
        }
    }

    @Test
    void renaming_or_clearing_during_a_merge_gives_it_up() {
        MVStore store = new MVStore.Builder().open();
        IndexSegments segments = IndexSegments.open(store, NAMES, () -> 1_024, true);
        NavigableSet<byte[]> model = new TreeSet<>(KeyBytes::compare);
        int i = putUntilMerging(segments, model, 0);
        IntFunction<String> renamed = segment -> "d._oindex2s" + segment + "_a";

        segments.renameTo(renamed);

        assertThat(segments.merging()).isFalse();
        assertThat(IndexSegments.allMapNames(store, NAMES)).isEmpty();
        assertThat(IndexSegments.allMapNames(store, renamed)).hasSize(segments.count());
        assertWalksAgree(segments, model, new Random(4), "renamed");
        while (!segments.merging()) {
            segments.put(key(i++));
        }

        segments.clear();

        assertThat(IndexSegments.allMapNames(store, renamed)).containsExactly(renamed.apply(0));
        assertThat(segments.size()).isZero();
        store.close();
    }

    @Test
    void a_pause_in_writes_merges_the_small_segments_and_the_newest_into_one() {
        MVStore store = new MVStore.Builder().open();
        IndexSegments segments = IndexSegments.open(store, NAMES, () -> 64, true); // the newest takes 16
        NavigableSet<byte[]> model = new TreeSet<>(KeyBytes::compare);
        int i = 0;
        for (; i < 64 + 3 * 16 + 5; i++) { // one merged segment of 64, three full ones of 16, the newest with 5
            model.add(key(i));
            segments.put(key(i));
        }
        i = putWhileMerging(segments, model, i); // the merge the fourth full segment started
        int before = segments.count();
        assertThat(before).isEqualTo(5);

        int steps = 1;
        while (segments.mergeWhileWritesPause(10)) {
            steps++;
        }

        assertThat(steps).as("steps of 10 entries for 3 x 16 + 5").isEqualTo(6);
        assertThat(segments.count()).as("the merged 64, the small ones merged, a new newest").isEqualTo(3);
        assertThat(IndexSegments.existingMapNames(store, NAMES)).hasSize(3);
        assertThat(store.hasMap(NAMES.apply(IndexSegments.MERGE_TARGET))).isFalse();
        assertThat(segments.size()).isEqualTo(model.size());
        assertThat(model).allMatch(segments::contains);
        assertThat(model).allMatch(key -> segments.anyWithValues(KeyRange.withPrefix(Arrays.copyOf(key, 2)), Arrays.copyOf(key, 2), null));
        assertWalksAgree(segments, model, new Random(5), "after a pause's merge");
        assertThat(segments.mergeWhileWritesPause(10)).as("nothing left to merge").isFalse();
        assertThat(segments.count()).isEqualTo(3);

        segments.put(key(i));
        model.add(key(i));
        assertThat(segments.count()).isEqualTo(3);
        assertThat(segments.size()).isEqualTo(model.size());
        store.close();
    }

    @Test
    void segments_of_ascending_keys_follow_one_another_and_are_not_merged() {
        MVStore store = new MVStore.Builder().open();
        IndexSegments segments = IndexSegments.open(store, NAMES, () -> 64, true); // the newest takes 16
        NavigableSet<byte[]> model = new TreeSet<>(KeyBytes::compare);
        for (int i = 0; i < 300; i++) {
            byte[] key = KeyBytes.concat(new byte[] {(byte) (i / 250 + 1), (byte) (i % 250 + 1)}, DocumentIdentity.encode(i));
            model.add(key);
            segments.put(key);
            assertThat(segments.merging()).isFalse();
        }

        assertThat(segments.mergeWhileWritesPause(1_000)).isFalse();

        assertThat(segments.count()).as("300 entries, 16 per segment").isEqualTo(19);
        assertThat(segments.size()).isEqualTo(model.size());
        assertWalksAgree(segments, model, new Random(6), "ascending keys in small segments");
        store.close();
    }

    @Test
    void a_pause_in_writes_leaves_one_small_segment_alone_and_stops_for_a_dropped_index() {
        MVStore store = new MVStore.Builder().open();
        IndexSegments segments = IndexSegments.open(store, NAMES, () -> 64, true);
        for (int i = 0; i < 10; i++) {
            segments.put(key(i));
        }
        assertThat(segments.mergeWhileWritesPause(100)).isFalse();
        assertThat(segments.count()).as("the newest alone is not merged").isEqualTo(1);

        for (int i = 10; i < 20; i++) { // a full one of 16 and the newest of 4
            segments.put(key(i));
        }
        for (String name : IndexSegments.allMapNames(store, NAMES)) { // as dropping the index does
            store.removeMap(name);
        }
        assertThat(segments.mergeWhileWritesPause(100)).isFalse();
        assertThat(store.hasMap(NAMES.apply(IndexSegments.MERGE_TARGET))).isFalse();
        store.close();
    }

    /** Puts {@link #key}s from {@code from} on, into the segments and the model, until a merge starts; returns the next. */
    private static int putUntilMerging(IndexSegments segments, NavigableSet<byte[]> model, int from) {
        int i = from;
        while (!segments.merging()) {
            model.add(key(i));
            segments.put(key(i++));
        }
        return i;
    }

    /** Puts {@link #key}s from {@code from} on, into the segments and the model, until no merge runs; returns the next. */
    private static int putWhileMerging(IndexSegments segments, NavigableSet<byte[]> model, int from) {
        int i = from;
        while (segments.merging()) {
            model.add(key(i));
            segments.put(key(i++));
        }
        return i;
    }

    /** Keys of distinct values, in no particular order. */
    private static byte[] key(int i) {
        return KeyBytes.concat(new byte[] {(byte) (i * 37 % 251 + 1), (byte) (i / 251 + 1)}, DocumentIdentity.encode(i));
    }

    /**
     * A newest segment opened from the file builds its filter when a check first needs it. Sized for the entries it
     * held then, the filter would fill up as the segment does, and once full the segment would be sought in by every
     * unique insert.
     */
    @Test
    void a_newest_segment_reopened_from_the_file_keeps_a_filter_sized_for_a_full_segment(@TempDir Path directory) {
        String file = directory.resolve("filters.mv").toString();
        int held = 0;
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            IndexSegments segments = IndexSegments.open(store, NAMES, () -> 4_000, true); // the newest takes 1,000
            for (; held < 10; held++) {
                segments.put(distinctValues(held));
            }
            store.commit();
        }
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            IndexSegments segments = IndexSegments.open(store, NAMES, () -> 4_000, true); // the newest takes 1,000
            byte[] absent = Arrays.copyOf(distinctValues(-1), 4);
            assertThat(segments.anyWithValues(KeyRange.withPrefix(absent), absent, null)).isFalse(); // builds the filter
            for (; held < 1_001; held++) { // fills the segment, and starts the next
                segments.put(distinctValues(held));
            }
            assertThat(segments.count()).isEqualTo(2);

            int passed = 0;
            for (int i = 2_000; i < 4_000; i++) {
                passed += segments.filterMayHold(0, Arrays.copyOf(distinctValues(i), 4)) ? 1 : 0;
            }
            assertThat(passed).as("absent values the full segment's filter lets through, of 2,000").isLessThan(100);
        }
    }

    /** A key whose four bytes of values are {@code i}'s, distinct for every {@code i}. */
    private static byte[] distinctValues(int i) {
        byte[] values = {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
        return KeyBytes.concat(values, DocumentIdentity.encode(i));
    }

    /**
     * Values of two bytes from a small alphabet, so that many entries share them, as the encoded values of one index
     * all have the same number of fields; any position.
     */
    private static byte[] randomKey(Random random) {
        byte[] values = new byte[VALUES_LENGTH];
        for (int i = 0; i < values.length; i++) {
            values[i] = (byte) (1 + random.nextInt(4));
        }
        return KeyBytes.concat(values, DocumentIdentity.encode(random.nextInt(40)));
    }

    private static void assertWalksAgree(IndexSegments segments, NavigableSet<byte[]> model, Random random, String when) {
        List<KeyRange> ranges = randomRanges(random);
        List<Object> expected = new ArrayList<>();
        for (KeyRange range : ranges) {
            NavigableSet<byte[]> within = range.high() == null ? model.tailSet(range.low(), true)
                : model.subSet(range.low(), true, range.high(), false);
            within.forEach(key -> expected.add(DocumentIdentity.positionOf(key)));
        }
        assertThat(drain(segments.positionsIn(ranges, false))).as(when + ", forwards over " + ranges).isEqualTo(expected);

        List<KeyRange> backwards = new ArrayList<>(ranges);
        Collections.reverse(backwards);
        List<Object> reversed = new ArrayList<>(expected);
        Collections.reverse(reversed);
        assertThat(drain(segments.positionsIn(backwards, true))).as(when + ", backwards over " + ranges).isEqualTo(reversed);
    }

    /** One to three ascending, disjoint ranges between value prefixes; the last may be open-ended. */
    private static List<KeyRange> randomRanges(Random random) {
        TreeSet<Integer> bounds = new TreeSet<>();
        int count = 1 + random.nextInt(3);
        while (bounds.size() < count * 2) {
            bounds.add(1 + random.nextInt(20));
        }
        List<KeyRange> ranges = new ArrayList<>();
        Iterator<Integer> it = bounds.iterator();
        while (it.hasNext()) {
            byte[] low = prefix(it.next());
            int high = it.next();
            boolean openEnded = !it.hasNext() && random.nextBoolean();
            ranges.add(new KeyRange(low, openEnded ? null : prefix(high)));
        }
        return ranges;
    }

    /** A value prefix from 0x01 0x01 up to 0x05 0x04, in order of {@code n}. */
    private static byte[] prefix(int n) {
        return new byte[] {(byte) (1 + n / 4), (byte) (1 + n % 4)};
    }

    private static List<Object> drain(Iterator<Object> positions) {
        List<Object> all = new ArrayList<>();
        positions.forEachRemaining(all::add);
        return all;
    }
}
