package io.operadb.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every latency of one measurement, in nanoseconds, kept whole (no histogram buckets) so the percentiles are exact.
 * Writers claim a slot with one atomic increment, so 32 clients recording at once do not contend on a lock.
 * Samples beyond the capacity are counted but not kept.
 */
final class LatencyRecorder {

    private final long[] nanos;
    private final AtomicInteger next = new AtomicInteger();

    LatencyRecorder(int capacity) {
        this.nanos = new long[Math.max(1, capacity)];
    }

    void record(long elapsedNanos) {
        int slot = next.getAndIncrement();
        if (slot < nanos.length) {
            nanos[slot] = elapsedNanos;
        }
    }

    int count() {
        return Math.min(next.get(), nanos.length);
    }

    /** Call once the writers have stopped. */
    Percentiles percentiles() {
        long[] sorted = Arrays.copyOf(nanos, count());
        Arrays.sort(sorted);
        return Percentiles.ofSorted(sorted);
    }
}
