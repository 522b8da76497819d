package io.operadb.query.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.query.support.CommandSideStandIn;
import io.operadb.query.support.QueryClient.Response;
import io.operadb.query.support.QuerySideTestSupport;
import io.operadb.query.support.TestMongo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A measurement, not a check (off unless asked): {@code -Dreplay.measure.events=100000} appends that many entity
 * events (1,000 entities), times the live projection catching up with them from nothing (a new query side) and then a
 * full blue/green replay of the store, and prints both rates. Figures in docs/benchmarks.md.
 */
@DirtiesContext
@EnabledIfSystemProperty(named = "replay.measure.events", matches = "\\d+")
class ReplayMeasurement extends QuerySideTestSupport {

    private static final String DATABASE_URI = TestMongo.freshDatabaseUri("qtest-measure");

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", () -> DATABASE_URI);
    }

    @Test
    void measureCatchUpAndReplay() {
        int events = Integer.getInteger("replay.measure.events");
        int entities = 1_000;
        commands.createAccount("measure", ALICE);
        http = http.inAccount("measure");
        commands.publishSchema("measure", resource("ticket-v1.json"));
        long appendStart = System.nanoTime();
        CommandSideStandIn.Batch batch = commands.batch();
        for (int n = 0; n < events; n++) {
            String id = "t-" + (n % entities);
            if (n < entities) {
                batch.create("measure", "ticket", id, "{`title`: `T`}", ALICE);
            } else {
                batch.run("measure", "ticket", id, "bump", "{}", BOB);
            }
        }
        batch.append();
        double appendSeconds = (System.nanoTime() - appendStart) / 1e9;
        await("the live projection to catch up", Duration.ofMinutes(30), () -> catchUp.awaitHead(Duration.ofSeconds(1)));
        double catchUpSeconds = (System.nanoTime() - appendStart) / 1e9;

        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long replayCpuStart = os.getProcessCpuTime();
        long replayStart = System.nanoTime();
        Response started = http.post("/api/admin/replay");
        assertThat(started.status()).isEqualTo(202);
        await("the replay to switch over", Duration.ofMinutes(30),
                () -> http.get("/api/admin/replay").body().path("lastReplay").path("finished").asBoolean());
        double replaySeconds = (System.nanoTime() - replayStart) / 1e9;
        double replayCpuSeconds = (os.getProcessCpuTime() - replayCpuStart) / 1e9;
        JsonNode last = http.get("/api/admin/replay").body().path("lastReplay");
        System.out.printf("MEASURED %d events (%d entities): appended in %.1f s; live projection caught up %.1f s after "
                        + "the first append (%.0f events/s, appends overlapping); full replay (blue/green, switch "
                        + "included) %.1f s = %.0f events/s (service reports %s events/s), %.0f µs of CPU per event "
                        + "(process CPU time, %d cores)%n", events, entities,
                appendSeconds, catchUpSeconds, events / catchUpSeconds, replaySeconds, events / replaySeconds,
                last.path("eventsPerSecond"), replayCpuSeconds * 1e6 / events, Runtime.getRuntime().availableProcessors());
    }
}
