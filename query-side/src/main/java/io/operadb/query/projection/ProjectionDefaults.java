package io.operadb.query.projection;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The live processor's settings; the rebuild processor copies its segments and threads (its batch size is its own). */
@Component
public class ProjectionDefaults {

    private final int batchSize;
    private final int threadCount;
    private final int segmentCount;

    public ProjectionDefaults(
            @Value("${axon.eventhandling.processors.projections.batch-size:100}") int batchSize,
            @Value("${axon.eventhandling.processors.projections.thread-count:1}") int threadCount,
            @Value("${axon.eventhandling.processors.projections.initial-segment-count:1}") int segmentCount) {
        this.batchSize = batchSize;
        this.threadCount = threadCount;
        this.segmentCount = segmentCount;
    }

    public int batchSize() {
        return batchSize;
    }

    public int threadCount() {
        return threadCount;
    }

    public int segmentCount() {
        return segmentCount;
    }
}
