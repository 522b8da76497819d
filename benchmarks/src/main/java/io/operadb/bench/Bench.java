package io.operadb.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./operadb bench}: measures OperaDB through its HTTP APIs, beside what the raw store does in the same run,
 * prints the table and writes it as JSON and CSV. See {@link BenchOptions#USAGE}.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) {
        List<String> given = Arrays.asList(args);
        if (given.contains("--help") || given.contains("-h")) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Report report;
        try {
            report = options.growthRun() ? new GrowthRun(options, System.out).run()
                    : new BenchRun(options, System.out).run();
        } catch (RuntimeException e) {
            System.err.println("the benchmark failed: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        System.out.println();
        System.out.print(ReportWriter.table(report));
        Path json = ReportWriter.write(report, options.out());
        System.out.println();
        System.out.println("written: " + json.toAbsolutePath() + " (and .csv beside it)");
        // the services are closed, but a client library may leave a non-daemon thread behind; the run is over
        System.exit(0);
    }
}
