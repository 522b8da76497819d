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
 * segments answer through their filters), and by walks over random ranges in both directions.
 */
class IndexSegmentsTest {

    private static final int VALUES_LENGTH = 2;
    private static final IntFunction<String> NAMES = segment -> "c._oindex2s" + segment + "_a";

    @ParameterizedTest(name = "{0} entries per segment")
    @ValueSource(longs = {1, 3, 7, 1_000})
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
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            IndexSegments segments = IndexSegments.open(store, NAMES, () -> 4, true);
            for (int i = 0; i < 18; i++) {
                byte[] key = KeyBytes.concat(new byte[] {(byte) (17 * i % 29 + 1)}, DocumentIdentity.encode(i));
                keys.add(key);
                segments.put(key);
            }
            assertThat(segments.count()).isEqualTo(5);
            store.commit();
        }
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            IndexSegments segments = IndexSegments.open(store, NAMES, () -> 4, true);
            assertThat(segments.count()).isEqualTo(5);
            assertThat(segments.size()).isEqualTo(18);
            assertThat(keys).allMatch(segments::contains);
            assertThat(IndexSegments.existingMapNames(store, NAMES)).hasSize(5);

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
        for (int i = 0; i < 6; i++) { // three full segments
            segments.put(KeyBytes.concat(new byte[] {(byte) (i + 1)}, DocumentIdentity.encode(i)));
        }
        IntFunction<String> renamed = segment -> "d._oindex2s" + segment + "_a";

        segments.renameTo(renamed);
        segments.put(KeyBytes.concat(new byte[] {9}, DocumentIdentity.encode(9)));

        assertThat(IndexSegments.existingMapNames(store, NAMES)).isEmpty();
        assertThat(IndexSegments.existingMapNames(store, renamed)).hasSize(4);
        assertThat(segments.size()).isEqualTo(7);
        store.close();
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
            IndexSegments segments = IndexSegments.open(store, NAMES, () -> 1_000, true);
            for (; held < 10; held++) {
                segments.put(distinctValues(held));
            }
            store.commit();
        }
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            IndexSegments segments = IndexSegments.open(store, NAMES, () -> 1_000, true);
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
