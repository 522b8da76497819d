package io.operadb.eventstore;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Axon's registry of message monitors, with the event processors' capacity measured over a shorter window.
 * <p>
 * Why: Axon's capacity monitor keeps one entry for every message of its window, ten minutes by default. A processor
 * that handles thousands of events a second (a catch-up, a replay, the growth run's fill) then holds millions of them:
 * 330,000 more every 40 s at 8,000 events/s, on the way to some 400 MB. The monitors are Axon's own four, built as
 * Axon builds them; only the capacity window differs.
 */
public class ProcessorMetricRegistry extends GlobalMetricRegistry {

    private final Duration capacityWindow;

    public ProcessorMetricRegistry(MeterRegistry registry, Duration capacityWindow) {
        super(registry);
        this.capacityWindow = capacityWindow;
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(String eventProcessorName) {
        MeterRegistry registry = getRegistry();
        return new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.buildMonitor(eventProcessorName, registry),
                EventProcessorLatencyMonitor.builder().meterNamePrefix(eventProcessorName).meterRegistry(registry)
                        .build(),
                CapacityMonitor.buildMonitor(eventProcessorName, registry, capacityWindow.toMillis(),
                        TimeUnit.MILLISECONDS),
                MessageCountingMonitor.buildMonitor(eventProcessorName, registry)));
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(
            String eventProcessorName, Function<Message<?>, Iterable<Tag>> tagsBuilder,
            Function<Message<?>, Iterable<Tag>> latencyTagsBuilder) {
        MeterRegistry registry = getRegistry();
        return new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.buildMonitor(eventProcessorName, registry, tagsBuilder),
                EventProcessorLatencyMonitor.builder().meterNamePrefix(eventProcessorName).meterRegistry(registry)
                        .tagsBuilder(latencyTagsBuilder).build(),
                CapacityMonitor.buildMonitor(eventProcessorName, registry, capacityWindow.toMillis(),
                        TimeUnit.MILLISECONDS, tagsBuilder),
                MessageCountingMonitor.buildMonitor(eventProcessorName, registry, tagsBuilder)));
    }
}
