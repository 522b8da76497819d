package io.operadb.bench;

/** Latency percentiles in milliseconds (nearest rank); all zero when nothing was measured. */
record Percentiles(double p50, double p99, double p999, double max) {

    static final Percentiles NONE = new Percentiles(0, 0, 0, 0);

    static Percentiles ofSorted(long[] sortedNanos) {
        if (sortedNanos.length == 0) {
            return NONE;
        }
        return new Percentiles(rank(sortedNanos, 0.50), rank(sortedNanos, 0.99), rank(sortedNanos, 0.999),
                millis(sortedNanos[sortedNanos.length - 1]));
    }

    private static double rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return millis(sorted[Math.max(0, Math.min(sorted.length - 1, index))]);
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
