package io.operadb.query.replay;

import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.query.projection.ProjectionCatchUp;
import io.operadb.query.projection.ProjectionProgress;
import io.operadb.query.projection.Projections;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds every read model from the event store: the projection processor is stopped, its tokens reset (its
 * reset handler drops the read models) and started again, and it then replays the store from the beginning.
 */
@Service
public class ReplayService {

    private static final String EVENT_COLLECTION = "domainevents";

    private final ProjectionCatchUp catchUp;
    private final ProjectionProgress progress;
    private final MongoTemplate mongo;
    private volatile ReplayRun lastRun;

    public ReplayService(ProjectionCatchUp catchUp, ProjectionProgress progress, MongoTemplate mongo) {
        this.catchUp = catchUp;
        this.progress = progress;
        this.mongo = mongo;
    }

    public synchronized Map<String, Object> start() {
        StreamingEventProcessor processor = processor();
        processor.shutDown();
        // the replay is done once the projections are back where the store's head is now
        TrackingToken target = catchUp.head();
        long total = eventsInStore();
        processor.resetTokens();
        lastRun = new ReplayRun(Instant.now(), progress.handled(), total, target);
        processor.start();
        return status();
    }

    public Map<String, Object> status() {
        StreamingEventProcessor processor = processor();
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        ReplayRun run = lastRun;
        boolean replaying = run != null ? !catchUp.reached(run.target())
                : segments.values().stream().anyMatch(s -> stillReplaying(s, null));
        boolean caughtUp = !segments.isEmpty() && segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", !processor.isRunning() ? "stopped" : replaying ? "replaying" : caughtUp ? "live" : "catching-up");
        body.put("processors", List.of(describe(processor, segments, replaying, caughtUp, run)));
        if (run != null) {
            boolean finished = !replaying && caughtUp;
            Finish finish = finished ? run.finish(progress.handled()) : null;
            long done = finish != null ? finish.handled() - run.handledBefore() : progress.handled() - run.handledBefore();
            Instant until = finish != null ? finish.at() : Instant.now();
            double seconds = Math.max(0.001, Duration.between(run.startedAt(), until).toMillis() / 1000.0);
            double rate = done / seconds;
            Map<String, Object> replay = new LinkedHashMap<>();
            replay.put("startedAt", run.startedAt());
            replay.put("finished", finished);
            replay.put("finishedAt", finish == null ? null : finish.at());
            replay.put("eventsDone", done);
            replay.put("eventsTotal", run.eventsTotal());
            replay.put("eventsPerSecond", Math.round(rate));
            replay.put("secondsLeft", replaying && rate > 0
                    ? Math.max(0, Math.round((run.eventsTotal() - done) / rate)) : 0);
            body.put("lastReplay", replay);
        }
        return body;
    }

    private Map<String, Object> describe(StreamingEventProcessor processor, Map<Integer, EventTrackerStatus> segments,
                                         boolean replaying, boolean caughtUp, ReplayRun run) {
        List<Map<String, Object>> segmentList = new ArrayList<>();
        segments.forEach((id, status) -> {
            Map<String, Object> segment = new LinkedHashMap<>();
            segment.put("segment", id);
            segment.put("replaying", stillReplaying(status, run));
            segment.put("caughtUp", status.isCaughtUp());
            segment.put("position", status.getCurrentPosition().isPresent()
                    ? status.getCurrentPosition().getAsLong() : null);
            segment.put("error", status.isErrorState() ? String.valueOf(status.getError()) : null);
            segmentList.add(segment);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", processor.getName());
        body.put("running", processor.isRunning());
        body.put("replaying", replaying);
        body.put("caughtUp", caughtUp);
        body.put("eventsHandled", progress.handled());
        body.put("segments", segmentList);
        return body;
    }

    /**
     * Whether a segment has yet to re-apply the events the store held when the replay started. Axon's own
     * {@link EventTrackerStatus#isReplaying()} cannot say: it stays true after the replay reached that point until a
     * newer event arrives (the token stays a replay token whose last message was a replay), so on a quiet store a
     * finished replay would never look finished, and the status hides the replay token (it shows its lower bound).
     * Without a replay run of ours (a processor's first start from the tail), a caught-up segment is not replaying.
     */
    private static boolean stillReplaying(EventTrackerStatus status, ReplayRun run) {
        return run != null ? !ProjectionCatchUp.reached(status, run.target())
                : status.isReplaying() && !status.isCaughtUp();
    }

    private long eventsInStore() {
        return mongo.collectionExists(EVENT_COLLECTION) ? mongo.getCollection(EVENT_COLLECTION).countDocuments() : 0;
    }

    private StreamingEventProcessor processor() {
        return catchUp.processor().orElseThrow(() -> new OperaDbException(ProblemKind.NOT_FOUND,
                "no projection processor named " + Projections.GROUP));
    }

    /** When a replay was first seen finished, and how many events had been handled then: its figures freeze there. */
    private record Finish(Instant at, long handled) {
    }

    private record ReplayRun(Instant startedAt, long handledBefore, long eventsTotal, TrackingToken target,
                             java.util.concurrent.atomic.AtomicReference<Finish> finished) {

        ReplayRun(Instant startedAt, long handledBefore, long eventsTotal, TrackingToken target) {
            this(startedAt, handledBefore, eventsTotal, target, new java.util.concurrent.atomic.AtomicReference<>());
        }

        Finish finish(long handledNow) {
            finished.compareAndSet(null, new Finish(Instant.now(), handledNow));
            return finished.get();
        }
    }
}
