package io.operadb.eventstore;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessorMetricRegistryTest {

    @Test
    void a_processors_capacity_forgets_what_is_older_than_the_window_and_the_other_meters_are_axons() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MessageMonitor<? super EventMessage<?>> monitor =
                new ProcessorMetricRegistry(meters, Duration.ofMillis(200)).registerEventProcessor("projections");

        List<MessageMonitor.MonitorCallback> callbacks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            callbacks.add(monitor.onMessageIngested(GenericEventMessage.asEventMessage("event-" + i)));
        }
        Thread.sleep(20);
        callbacks.forEach(MessageMonitor.MonitorCallback::reportSuccess);

        assertThat(meters.get("projections.capacity").gauge().value()).isPositive();
        assertThat(meters.get("projections.successCounter").counter().count()).isEqualTo(50);
        assertThat(meters.getMeters().stream().map(meter -> meter.getId().getName()))
                .contains("projections.latency", "projections.successTimer", "projections.ingestedCounter");

        Thread.sleep(400); // past the window: the measurements are dropped, as they would be after Axon's 10 minutes
        assertThat(meters.get("projections.capacity").gauge().value()).isZero();
    }
}
