package io.operadb.embeddedmongo;

import java.util.HexFormat;

/**
 * A contiguous stretch of index keys: from {@code low} (inclusive) to {@code high} (exclusive;
 * {@code null} means to the end of the index).
 */
record KeyRange(byte[] low, byte[] high) {

    boolean isBelowHigh(byte[] key) {
        return high == null || KeyBytes.compare(key, high) < 0;
    }

    boolean contains(byte[] key) {
        return KeyBytes.compare(key, low) >= 0 && isBelowHigh(key);
    }

    /** All keys starting with {@code prefix}. */
    static KeyRange withPrefix(byte[] prefix) {
        return new KeyRange(prefix, KeyBytes.successorOfPrefix(prefix));
    }

    /** All keys from those starting with {@code lowPrefix} to those starting with {@code highPrefix}, both included. */
    static KeyRange betweenPrefixes(byte[] lowPrefix, byte[] highPrefix) {
        return new KeyRange(lowPrefix, KeyBytes.successorOfPrefix(highPrefix));
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "[" + hex.formatHex(low) + ", " + (high == null ? "end" : hex.formatHex(high)) + ")";
    }
}
