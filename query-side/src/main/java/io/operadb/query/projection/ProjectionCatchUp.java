package io.operadb.query.projection;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Waits, boundedly, until the projections have applied everything the store held when asked. */
@Component
public class ProjectionCatchUp {

    private static final long POLL_MILLIS = 5;

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public ProjectionCatchUp(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    public Optional<StreamingEventProcessor> processor() {
        return processing.eventProcessor(Projections.GROUP, StreamingEventProcessor.class);
    }

    /** @return true when the projections reached the store's head within the timeout */
    public boolean awaitHead(Duration timeout) {
        TrackingToken head = eventStore.createHeadToken();
        if (head == null) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!covers(head)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep();
        }
        return true;
    }

    private boolean covers(TrackingToken head) {
        Optional<StreamingEventProcessor> processor = processor();
        if (processor.isEmpty()) {
            return true;
        }
        Map<Integer, EventTrackerStatus> status = processor.get().processingStatus();
        if (status.isEmpty()) {
            return false;
        }
        return status.values().stream().allMatch(s -> s.getTrackingToken() != null
                && s.getTrackingToken().covers(head));
    }

    static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the projections", e);
        }
    }
}
