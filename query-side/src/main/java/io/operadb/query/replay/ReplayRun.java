package io.operadb.query.replay;

import io.operadb.query.readmodel.ReplayScope;

import java.time.Instant;

/**
 * One replay as this instance saw it: what it rebuilds, since when, over how many events, and (once switched)
 * when it finished and with how many events applied; its figures freeze there.
 */
record ReplayRun(int generation, ReplayScope scope, Instant startedAt, long eventsTotal, long handledBefore,
                 Instant finishedAt, long eventsDone) {

    ReplayRun finish(Instant at, long done) {
        return new ReplayRun(generation, scope, startedAt, eventsTotal, handledBefore, at, done);
    }

    boolean finished() {
        return finishedAt != null;
    }
}
