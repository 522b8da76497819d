package io.operadb.bench;

/**
 * One measured figure as the report shows it: a rate in its unit, and the latency of one operation.
 *
 * @param name    what was measured, e.g. "bump counter" or "raw insertOne j:true"
 * @param clients the concurrency it ran at (1 for a single sequential reader)
 * @param count   operations done (requests, documents, samples)
 * @param errors  operations that failed
 * @param rate    successful operations per second in {@code unit}; 0 when a rate means nothing (lag samples)
 * @param note    a short remark for the reader (what a figure covers), or null
 */
record Figure(String name, int clients, long count, long errors, double rate, String unit, Percentiles latency,
              String note) {

    static Figure of(String name, int clients, Measurement m, String unit) {
        return new Figure(name, clients, m.operations(), m.errors(), m.perSecond(), unit, m.latency(),
                m.firstError() == null ? null : "first error: " + m.firstError());
    }

    Figure withNote(String text) {
        return new Figure(name, clients, count, errors, rate, unit, latency, note == null ? text : note + "; " + text);
    }
}
