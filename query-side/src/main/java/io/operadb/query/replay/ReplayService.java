package io.operadb.query.replay;

import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.query.deadletter.DeadLetters;
import io.operadb.query.projection.ProjectionCatchUp;
import io.operadb.query.projection.ProjectionProgress;
import io.operadb.query.projection.Projections;
import io.operadb.query.readmodel.Generations;
import io.operadb.query.readmodel.ReadModelGenerations;
import io.operadb.query.readmodel.ReplayScope;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Starts replays (see {@link ReplayCoordinator} for how they run) and reports their progress. */
@Service
public class ReplayService {

    private static final String EVENT_COLLECTION = "domainevents";

    private final ReplayCoordinator coordinator;
    private final ReadModelGenerations generations;
    private final ProjectionCatchUp catchUp;
    private final ProjectionProgress progress;
    private final DeadLetters deadLetters;
    private final MongoTemplate mongo;
    private final RateMeter liveRate = new RateMeter();

    public ReplayService(ReplayCoordinator coordinator, ReadModelGenerations generations, ProjectionCatchUp catchUp,
                         ProjectionProgress progress, DeadLetters deadLetters, MongoTemplate mongo) {
        this.coordinator = coordinator;
        this.generations = generations;
        this.catchUp = catchUp;
        this.progress = progress;
        this.deadLetters = deadLetters;
        this.mongo = mongo;
    }

    /**
     * Starts a replay of {@code scope}. Asking again for the replay under way answers its progress; asking for
     * another scope meanwhile is a conflict (one rebuild runs at a time).
     */
    public synchronized Map<String, Object> start(ReplayScope scope) {
        Generations now = generations.fresh();
        if (now.building() != null) {
            if (!now.building().scope().equals(scope)) {
                throw new OperaDbException(ProblemKind.VERSION_CONFLICT, "a replay of " + describe(now.building()
                        .scope()) + " is under way; start another once it has switched over");
            }
            return status();
        }
        coordinator.begin(scope, eventsInStore());
        return status();
    }

    /** The figures of both processors and of the last replay. */
    public Map<String, Object> status() {
        Generations now = generations.current();
        ReplayRun run = coordinator.run();
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> live = live();
        Map<String, Object> rebuild = rebuild(now, run);
        body.put("state", coordinator.switching() ? "switching" : now.building() != null ? "replaying"
                : live.get("state"));
        Map<String, Object> generation = new LinkedHashMap<>();
        generation.put("serving", now.base());
        generation.put("overrides", now.overrides());
        generation.put("building", now.building() == null ? null : now.building().generation());
        body.put("generation", generation);
        body.put("processors", List.of(live, rebuild));
        if (run != null) {
            body.put("lastReplay", replay(run, now));
        }
        return body;
    }

    /** The live processor: what it has applied since this process started, and how fast lately. */
    Map<String, Object> live() {
        Optional<StreamingEventProcessor> processor = catchUp.processor(Projections.GROUP);
        Map<Integer, EventTrackerStatus> segments = processor.map(StreamingEventProcessor::processingStatus)
                .orElse(Map.of());
        boolean running = processor.map(StreamingEventProcessor::isRunning).orElse(false);
        boolean caughtUp = !segments.isEmpty() && segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp);
        long done = progress.handled(Projections.GROUP);
        double rate = liveRate.rate(done);
        Map<String, Object> body = describe(Projections.GROUP, "live", segments);
        body.put("state", !running ? "stopped" : caughtUp ? "live" : "catching-up");
        body.put("running", running);
        body.put("caughtUp", caughtUp);
        body.put("replaying", false);
        body.put("eventsHandled", done);
        body.put("eventsDone", done);
        body.put("eventsTotal", null);
        body.put("eventsPerSecond", Math.round(rate));
        body.put("secondsLeft", caughtUp ? 0 : null);
        body.put("deadLetters", deadLetters.count(Projections.GROUP));
        return body;
    }

    /** The rebuild processor: idle, or how far the replay under way is. */
    Map<String, Object> rebuild(Generations now, ReplayRun run) {
        Optional<StreamingEventProcessor> processor = catchUp.processor(Projections.REBUILD_GROUP);
        Map<Integer, EventTrackerStatus> segments = processor.map(StreamingEventProcessor::processingStatus)
                .orElse(Map.of());
        boolean running = processor.map(StreamingEventProcessor::isRunning).orElse(false);
        boolean active = now.building() != null && run != null && !run.finished();
        Figures figures = active ? figures(run) : null;
        Map<String, Object> body = describe(Projections.REBUILD_GROUP, "rebuild", segments);
        body.put("state", coordinator.switching() ? "switching" : active ? "replaying" : running ? "running" : "idle");
        body.put("running", running);
        body.put("replaying", active);
        body.put("caughtUp", !segments.isEmpty() && segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp));
        body.put("eventsHandled", progress.handled(Projections.REBUILD_GROUP));
        body.put("scope", now.building() == null ? null : scope(now.building().scope()));
        body.put("generation", now.building() == null ? null : now.building().generation());
        body.put("eventsDone", figures == null ? 0 : figures.done());
        body.put("eventsTotal", figures == null ? 0 : figures.total());
        body.put("eventsPerSecond", figures == null ? 0 : Math.round(figures.rate()));
        body.put("secondsLeft", figures == null ? 0 : figures.secondsLeft());
        body.put("deadLetters", deadLetters.count(Projections.REBUILD_GROUP));
        return body;
    }

    private Map<String, Object> replay(ReplayRun run, Generations now) {
        Figures figures = figures(run);
        Map<String, Object> replay = new LinkedHashMap<>();
        replay.put("scope", scope(run.scope()));
        replay.put("generation", run.generation());
        replay.put("startedAt", run.startedAt());
        replay.put("finished", run.finished());
        replay.put("finishedAt", run.finishedAt());
        replay.put("eventsDone", figures.done());
        replay.put("eventsTotal", figures.total());
        replay.put("eventsPerSecond", Math.round(figures.rate()));
        replay.put("secondsLeft", figures.secondsLeft());
        return replay;
    }

    /** Events done, total, rate and time left of a run; frozen once it finished. */
    record Figures(long done, long total, double rate, long secondsLeft) {
    }

    Figures figures(ReplayRun run) {
        long done = run.finished() ? run.eventsDone()
                : progress.handled(Projections.REBUILD_GROUP) - run.handledBefore();
        // events appended during the replay are replayed too
        long total = Math.max(run.eventsTotal(), done);
        Instant until = run.finished() ? run.finishedAt() : Instant.now();
        double seconds = Math.max(0.001, Duration.between(run.startedAt(), until).toMillis() / 1000.0);
        double rate = done / seconds;
        long left = run.finished() || rate <= 0 ? 0 : Math.round((total - done) / rate);
        return new Figures(done, total, rate, left);
    }

    ReplayRun currentRun() {
        return coordinator.run();
    }

    private static Map<String, Object> describe(String name, String role, Map<Integer, EventTrackerStatus> segments) {
        List<Map<String, Object>> segmentList = new ArrayList<>();
        segments.forEach((id, status) -> {
            Map<String, Object> segment = new LinkedHashMap<>();
            segment.put("segment", id);
            segment.put("caughtUp", status.isCaughtUp());
            segment.put("position", status.getCurrentPosition().isPresent()
                    ? status.getCurrentPosition().getAsLong() : null);
            segment.put("error", status.isErrorState() ? String.valueOf(status.getError()) : null);
            segmentList.add(segment);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("role", role);
        body.put("position", segments.values().stream().map(s -> s.getCurrentPosition())
                .filter(p -> p.isPresent()).map(p -> p.getAsLong()).min(Long::compare).orElse(null));
        body.put("segments", segmentList);
        return body;
    }

    private static Map<String, Object> scope(ReplayScope scope) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("account", scope.account());
        body.put("schema", scope.schema());
        return body;
    }

    private static String describe(ReplayScope scope) {
        return scope.isAll() ? "every read model" : scope.isSchema() ? "schema " + scope.schema() + " of account "
                + scope.account() : "account " + scope.account();
    }

    long eventsInStore() {
        return mongo.collectionExists(EVENT_COLLECTION) ? mongo.getCollection(EVENT_COLLECTION).countDocuments() : 0;
    }
}
