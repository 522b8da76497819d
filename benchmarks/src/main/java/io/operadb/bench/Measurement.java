package io.operadb.bench;

/**
 * What one timed run of identical operations gave: how many, how fast, how long each took, and how many failed.
 *
 * @param operations the operations that completed (successes and failures)
 * @param errors     the ones that did not succeed (an unexpected status or an exception)
 * @param firstError what the first failure said, for the report; null when there was none
 */
record Measurement(long operations, long errors, double seconds, Percentiles latency, String firstError) {

    double perSecond() {
        return seconds <= 0 ? 0 : (operations - errors) / seconds;
    }
}
