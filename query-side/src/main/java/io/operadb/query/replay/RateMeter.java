package io.operadb.query.replay;

/** Events per second over the last few seconds, from a counter sampled whenever asked. */
final class RateMeter {

    private static final long WINDOW_NANOS = 5_000_000_000L;

    private long sampleAt = System.nanoTime();
    private long sampleCount;
    private double rate;

    synchronized double rate(long count) {
        long now = System.nanoTime();
        long elapsed = now - sampleAt;
        if (elapsed >= WINDOW_NANOS || rate == 0 && elapsed > 200_000_000L) {
            rate = (count - sampleCount) / (elapsed / 1e9);
            sampleAt = now;
            sampleCount = count;
        }
        return rate;
    }
}
