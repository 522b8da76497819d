package io.operadb.embeddedmongo;

/**
 * A Bloom filter over the indexed values of one index segment's entries: it answers "perhaps" for every value it was
 * given and "surely not" for most others (about one in a hundred false "perhaps" when it holds as many values as it
 * was sized for), so that a unique index's insert seeks only in the segments that may hold its values.
 * <p>
 * Values are only ever added: a removed entry's values stay in, which costs a needless seek, never a wrong answer.
 * Written here rather than taken from a library, because it is this small and the module depends on nothing beyond
 * mongo-java-server and H2. Not thread-safe: used under the collection's lock.
 */
final class ValuesFilter {

    private static final int BITS_PER_VALUE = 10;
    private static final int HASHES = 7;

    private final long[] words;
    private final long bitCount;

    /** A filter sized for {@code expectedValues}. */
    ValuesFilter(long expectedValues) {
        long bits = Math.max(64, Math.min(expectedValues, Integer.MAX_VALUE / BITS_PER_VALUE) * BITS_PER_VALUE);
        this.words = new long[(int) ((bits + 63) / 64)];
        this.bitCount = words.length * 64L;
    }

    /** Adds the values that the first {@code length} bytes of {@code key} encode. */
    void add(byte[] key, int length) {
        long hash = hash(key, length);
        for (int i = 0; i < HASHES; i++) {
            long bit = bit(hash, i);
            words[(int) (bit >>> 6)] |= 1L << bit;
        }
    }

    /** Whether the values that the first {@code length} bytes of {@code key} encode may have been added. */
    boolean mightContain(byte[] key, int length) {
        long hash = hash(key, length);
        for (int i = 0; i < HASHES; i++) {
            long bit = bit(hash, i);
            if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The i-th bit of a value: its hash's two halves combined (Kirsch and Mitzenmacher), as good as i hashes. */
    private long bit(long hash, int i) {
        return Math.floorMod(hash + i * ((hash >>> 32) | 1), bitCount);
    }

    /** FNV-1a over the bytes, then MurmurHash3's finalizer to spread them over all 64 bits. */
    private static long hash(byte[] key, int length) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < length; i++) {
            hash ^= key[i] & 0xFF;
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash;
    }
}
