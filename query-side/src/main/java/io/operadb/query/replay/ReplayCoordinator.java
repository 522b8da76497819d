package io.operadb.query.replay;

import io.operadb.query.deadletter.DeadLetters;
import io.operadb.query.projection.ProjectionCatchUp;
import io.operadb.query.projection.ProjectionProgress;
import io.operadb.query.projection.Projections;
import io.operadb.query.readmodel.Generations;
import io.operadb.query.readmodel.ReadModelGenerations;
import io.operadb.query.readmodel.ReadModelIndexes;
import io.operadb.query.readmodel.ReplayScope;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.config.EventProcessingConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs replays blue/green. A replay starts the rebuild processor from the first event into a new generation while
 * the live processor keeps the serving one current. Once the rebuild has caught up with the head of the store, the
 * switch: the live processor stops, the rebuild applies the last events up to the head, and one write of the
 * generations document makes the new generation serve; the live processor then starts again and, from its own
 * older token, re-applies the few events since into the new generation, which its idempotent handlers recognise.
 * Whatever the old generation held for the scope is dropped a grace period later.
 * <p>
 * A crash at any point leaves either the old generation serving with the rebuild resuming from its token at the
 * next start, or the new one serving: never a mix (decision record 0030).
 */
@Component
public class ReplayCoordinator implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReplayCoordinator.class);
    static final long TICK_MILLIS = 100;
    /** Longer than the generations' refresh, so that no reader still uses what is dropped. */
    static final Duration GRACE = Duration.ofMillis(4 * ReadModelGenerations.REFRESH_MILLIS);
    private static final Duration SWITCH_TIMEOUT = Duration.ofSeconds(30);

    private final ReadModelGenerations generations;
    private final ReadModelIndexes indexes;
    private final ProjectionCatchUp catchUp;
    private final ProjectionProgress progress;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final MongoTemplate mongo;
    private final DeadLetters deadLetters;
    private final RetiredGenerations retired;
    private volatile ScheduledExecutorService ticker;
    private volatile boolean running;
    private volatile ReplayRun run;
    private volatile boolean switching;
    private volatile Instant dropDue;

    public ReplayCoordinator(ReadModelGenerations generations, ReadModelIndexes indexes, ProjectionCatchUp catchUp,
                             ProjectionProgress progress, EventProcessingConfiguration processing, TokenStore tokens,
                             MongoTemplate mongo, DeadLetters deadLetters, RetiredGenerations retired) {
        this.generations = generations;
        this.indexes = indexes;
        this.catchUp = catchUp;
        this.progress = progress;
        this.processing = processing;
        this.tokens = tokens;
        this.mongo = mongo;
        this.deadLetters = deadLetters;
        this.retired = retired;
    }

    /** Starts a rebuild of {@code scope} into a new generation; the caller has checked that none is under way. */
    synchronized ReplayRun begin(ReplayScope scope, long eventsTotal) {
        StreamingEventProcessor rebuild = processor(Projections.REBUILD_GROUP);
        rebuild.shutDown();
        int generation = generations.fresh().last() + 1;
        for (String collection : Generations.collectionsOf(generation, scope)) {
            if (mongo.collectionExists(collection)) {
                mongo.dropCollection(collection);  // left by an attempt that crashed before it was recorded
            }
            indexes.ensure(ReadModelIndexes.modelOf(collection), collection);
        }
        // from the first event again: without tokens the processor starts as new, at the start of the store. (Not
        // Axon's resetTokens: its replay token wraps the old position and is re-computed for every event.)
        for (int segment : tokens.fetchSegments(Projections.REBUILD_GROUP)) {
            tokens.fetchToken(Projections.REBUILD_GROUP, segment);  // claims it, which deleting requires
            tokens.deleteToken(Projections.REBUILD_GROUP, segment);
        }
        deadLetters.clear(Projections.REBUILD_GROUP);
        Instant now = Instant.now();
        Generations started = generations.update(g -> g.startRebuild(scope, now, eventsTotal));
        ReplayRun begun = new ReplayRun(started.building().generation(), scope, now, eventsTotal,
                progress.handled(Projections.REBUILD_GROUP), null, 0);
        run = begun;
        rebuild.start();
        log.info("replay of {} started into generation {} over {} stored events", scope, begun.generation(),
                eventsTotal);
        return begun;
    }

    ReplayRun run() {
        return run;
    }

    boolean switching() {
        return switching;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Once the application (and so Axon's processors) has started. */
    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        if (!running || ticker != null) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "replay-coordinator");
            thread.setDaemon(true);
            return thread;
        });
        dropDue = Instant.now().plus(GRACE);
        ticker.execute(this::resume);
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A replay a crash interrupted resumes from the rebuild processor's stored token. */
    private void resume() {
        try {
            Generations now = generations.fresh();
            if (now.building() != null) {
                Generations.Rebuild b = now.building();
                for (String collection : Generations.collectionsOf(b.generation(), b.scope())) {
                    indexes.ensure(ReadModelIndexes.modelOf(collection), collection);
                }
                run = new ReplayRun(b.generation(), b.scope(), b.startedAt(), b.eventsTotal(),
                        progress.handled(Projections.REBUILD_GROUP), null, 0);
                processor(Projections.REBUILD_GROUP).start();
                log.info("resuming the replay of {} into generation {}", b.scope(), b.generation());
            }
        } catch (RuntimeException e) {
            log.warn("could not resume the replay; will retry", e);
        }
    }

    private void tick() {
        try {
            Generations now = generations.fresh();
            StreamingEventProcessor rebuild = processor(Projections.REBUILD_GROUP);
            // the head costs a query on the store: asked only once every segment says it has caught up
            if (now.building() != null && rebuild.isRunning() && caughtUp(rebuild)
                    && catchUp.reached(Projections.REBUILD_GROUP, catchUp.head())) {
                switchOver();
            } else if (now.building() != null && !processor(Projections.REBUILD_GROUP).isRunning() && run == null) {
                resume();
            }
            if (!now.retired().isEmpty() && dropDue != null && Instant.now().isAfter(dropDue)) {
                retired.dropAll();
            }
        } catch (RuntimeException e) {
            log.warn("replay coordination failed; will retry", e);
        }
    }

    private static boolean caughtUp(StreamingEventProcessor processor) {
        var status = processor.processingStatus();
        return !status.isEmpty() && status.values().stream().allMatch(s -> s.isCaughtUp());
    }

    private synchronized void switchOver() {
        StreamingEventProcessor live = processor(Projections.GROUP);
        StreamingEventProcessor rebuild = processor(Projections.REBUILD_GROUP);
        switching = true;
        boolean switched = false;
        try {
            live.shutDown();
            TrackingToken head = catchUp.head();
            long deadline = System.nanoTime() + SWITCH_TIMEOUT.toNanos();
            while (!catchUp.reached(Projections.REBUILD_GROUP, head)) {
                if (System.nanoTime() > deadline) {
                    log.warn("the rebuild did not reach the head within {}; switching later", SWITCH_TIMEOUT);
                    return;
                }
                ProjectionCatchUp.sleep();
            }
            rebuild.shutDown();
            Generations before = generations.fresh();
            ReplayScope scope = before.building().scope();
            generations.update(Generations::switchOver);  // the switch: one write
            switched = true;
            deadLetters.handOver(scope);
            ReplayRun done = run;
            if (done != null) {
                run = done.finish(Instant.now(), progress.handled(Projections.REBUILD_GROUP) - done.handledBefore());
            }
            dropDue = Instant.now().plus(GRACE);
            log.info("replay of {} switched over: generation {} serves it now", scope,
                    before.building().generation());
        } finally {
            if (!switched && !rebuild.isRunning()) {
                rebuild.start();
            }
            live.start();
            switching = false;
        }
    }

    private StreamingEventProcessor processor(String name) {
        return catchUp.processor(name).orElseThrow(() -> new IllegalStateException("no processor " + name));
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService scheduled = ticker;
        if (scheduled != null) {
            scheduled.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped before Axon's processors at shutdown. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
