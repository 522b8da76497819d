package io.operadb.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The growth run works: a quick one fills a store on a file to two sizes, measures commands, time travel, reads,
 * catch-up and heap at each without a failed request, and restarts on the filled store. Sizes are not judged.
 */
class GrowthRunSmokeTest {

    @TempDir
    Path out;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void a_quick_growth_run_measures_each_size_and_the_restart() {
        BenchOptions options = BenchOptions.parse("--quick", "--growth", "--out", out.toString());
        assertThat(options.growth()).containsExactly(2_000, 4_000);

        Report report = new GrowthRun(options, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).run();

        assertThat(report.sections()).containsExactly(Report.BASELINES, Report.GROWTH);
        List<Report.Row> growth = report.section(Report.GROWTH);
        for (Report.Row row : growth) {
            assertThat(row.figure().errors()).as(row.figure().name() + " " + row.figure().note()).isZero();
            assertThat(row.figure().rate()).as(row.figure().name()).isPositive();
        }
        for (String measured : List.of("projection catch-up @", "bump counter @", "time travel v1 of ",
                "entity by id @", "heap after full GC @")) {
            assertThat(growth).as(measured).filteredOn(r -> r.figure().name().startsWith(measured)).hasSize(2);
        }
        assertThat(growth).filteredOn(r -> r.figure().name().startsWith("bump counter @"))
                .allSatisfy(r -> assertThat(r.baseline().name()).isEqualTo(Baselines.INSERT_ONE_JOURNALED));
        assertThat(growth).extracting(r -> r.figure().name())
                .contains("start-up to ready, empty store", "bump rate, largest / smallest")
                .anyMatch(name -> name.startsWith("start-up to ready @"));
        assertThat(report.eventsInStore()).isGreaterThanOrEqualTo(4_000);
        assertThat(ReportWriter.table(report)).contains("growth", "time travel v1 of 5");
    }

    @Test
    void growth_sizes_must_ascend_and_need_the_embedded_default() {
        assertThat(BenchOptions.parse("--growth").growth()).containsExactly(10_000, 100_000, 1_000_000);
        assertThat(BenchOptions.parse("--growth", "5000,50000", "--hot-events", "300").hotEvents()).isEqualTo(300);
        assertThat(BenchOptions.parse().growthRun()).isFalse();
        assertThatThrownBy(() -> BenchOptions.parse("--growth", "5000,500"))
                .hasMessageContaining("ascending");
        assertThatThrownBy(() -> BenchOptions.parse("--growth", "--command-url", "http://c:1", "--query-url",
                "http://q:2", "--mongo-uri", "mongodb://m:3/db")).hasMessageContaining("embedded");
    }
}
