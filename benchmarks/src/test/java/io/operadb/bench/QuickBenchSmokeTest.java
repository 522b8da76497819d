package io.operadb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness itself works: a quick run against the embedded default in memory measures every section, finds no
 * failed request, and writes its report. The figures' sizes are not checked (a CI machine is no benchmark rig);
 * only that each is there and positive.
 */
class QuickBenchSmokeTest {

    @TempDir
    Path out;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_quick_run_measures_every_section_and_writes_the_report() throws Exception {
        BenchOptions options = BenchOptions.parse("--quick", "--in-memory", "--warm-up", "1", "--out", out.toString());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        Report report = new BenchRun(options, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        for (String section : Report.SECTIONS) {
            assertThat(report.section(section)).as(section).isNotEmpty();
        }
        for (Report.Row row : report.rows()) {
            Figure figure = row.figure();
            assertThat(figure.errors()).as(figure.name() + " " + figure.note()).isZero();
            assertThat(figure.count()).as(figure.name()).isPositive();
            assertThat(figure.latency().p50()).as(figure.name()).isPositive();
            if (!row.section().equals(Report.PROJECTION_LAG)) {
                assertThat(figure.rate()).as(figure.name()).isPositive();
            }
            if (!row.section().equals(Report.BASELINES)) {
                assertThat(row.baseline()).as(figure.name() + " has a baseline").isNotNull();
                assertThat(row.baseline().rate()).as(row.baseline().name()).isPositive();
            }
        }
        assertThat(report.eventsInStore()).isPositive();
        assertThat(progress.toString(StandardCharsets.UTF_8)).containsPattern("warm-up done: [1-9][0-9]* requests, 0 errors");

        Path json = ReportWriter.write(report, out);
        JsonNode written = OperaDbApi.JSON.readTree(json.toFile());
        assertThat(written.path("machine").path("cores").asInt()).isPositive();
        assertThat(written.path("settings").path("quick").asBoolean()).isTrue();
        for (String section : Report.SECTIONS) {
            assertThat(written.path("sections").path(section).size()).as(section).isPositive();
        }
        try (Stream<Path> files = Files.list(out)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(names).anyMatch(n -> n.endsWith(".json")).anyMatch(n -> n.endsWith(".csv"));
        }
        assertThat(ReportWriter.table(report)).contains("raw insertOne j:true", "bump counter", "replay");
    }

    @Test
    void options_default_to_the_full_run_and_take_overrides() {
        BenchOptions full = BenchOptions.parse();
        assertThat(full.quick()).isFalse();
        assertThat(full.clients()).containsExactly(1, 8, 32);
        assertThat(full.embedded()).isTrue();
        assertThat(full.warmUp()).isEqualTo(java.time.Duration.ofSeconds(120));
        assertThat(BenchOptions.parse("--quick").warmUp()).isZero();
        assertThat(BenchOptions.parse("--warm-up", "5").warmUp()).isEqualTo(java.time.Duration.ofSeconds(5));

        BenchOptions custom = BenchOptions.parse("--quick", "--entities", "7", "--clients", "2,4",
                "--command-url", "http://c:1/", "--query-url", "http://q:2", "--mongo-uri", "mongodb://m:3/db");
        assertThat(custom.entities()).isEqualTo(7);
        assertThat(custom.clients()).containsExactly(2, 4);
        assertThat(custom.commandUrl()).isEqualTo("http://c:1");
        assertThat(custom.embedded()).isFalse();
    }
}
