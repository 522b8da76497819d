package io.operadb.query.replay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.operadb.query.deadletter.DeadLetters;
import io.operadb.query.projection.ProjectionProgress;
import io.operadb.query.projection.Projections;
import io.operadb.query.readmodel.ReadModelGenerations;
import org.springframework.stereotype.Component;

import java.util.function.ToDoubleFunction;

/**
 * The replay's figures as Micrometer gauges (so on {@code /actuator/metrics}), tagged by processor:
 * {@code operadb.replay.events.done}, {@code .events.total}, {@code .events.rate} (events/s),
 * {@code .seconds.left} and {@code operadb.replay.active} (1 while a replay runs), plus
 * {@code operadb.projection.events.applied} and {@code operadb.deadletters} per processor and
 * {@code operadb.readmodel.generation} (the generation serving every account without an override).
 */
@Component
public class ReplayMetrics {

    public ReplayMetrics(MeterRegistry registry, ReplayService replays, ProjectionProgress progress,
                         DeadLetters deadLetters, ReadModelGenerations generations) {
        replayGauge(registry, "operadb.replay.events.done", replays, ReplayService.Figures::done);
        replayGauge(registry, "operadb.replay.events.total", replays, ReplayService.Figures::total);
        replayGauge(registry, "operadb.replay.events.rate", replays, ReplayService.Figures::rate);
        replayGauge(registry, "operadb.replay.seconds.left", replays, ReplayService.Figures::secondsLeft);
        Gauge.builder("operadb.replay.active", generations, g -> g.current().building() == null ? 0 : 1)
                .description("1 while a replay is rebuilding read models").register(registry);
        Gauge.builder("operadb.readmodel.generation", generations, g -> g.current().base())
                .description("the read-model generation serving accounts without an override").register(registry);
        for (String group : DeadLetters.GROUPS) {
            Gauge.builder("operadb.projection.events.applied", progress, p -> p.handled(group))
                    .tag("processor", group).description("events applied since this process started")
                    .register(registry);
            Gauge.builder("operadb.deadletters", deadLetters, d -> d.count(group))
                    .tag("processor", group).description("events waiting in the dead-letter queue")
                    .register(registry);
        }
    }

    private static void replayGauge(MeterRegistry registry, String name, ReplayService replays,
                                    ToDoubleFunction<ReplayService.Figures> figure) {
        Gauge.builder(name, replays, r -> {
                    ReplayRun run = r.currentRun();
                    return run == null ? 0 : figure.applyAsDouble(r.figures(run));
                })
                .tag("processor", Projections.REBUILD_GROUP)
                .description("the current or last replay").register(registry);
    }
}
