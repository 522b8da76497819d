package io.operadb.bench;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One benchmark run, in the order that keeps each measurement honest: raw baselines on a quiet store first, then
 * the command loads (with the lag sampled under the heaviest), then reads on a caught-up read model, and last the
 * replay, which drops and rebuilds the read models the reads used.
 */
final class BenchRun {

    private final BenchOptions options;
    private final PrintStream progress;
    private final long createdNanos = System.nanoTime();

    BenchRun(BenchOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    Report run() {
        long started = System.nanoTime();
        Report report = new Report(options);
        step("starting " + (options.embedded() ? "the embedded default" : "against " + options.commandUrl()));
        try (Target target = Target.of(options);
             LoadDriver driver = new LoadDriver();
             MongoClient mongo = MongoClients.create(target.mongoUri())) {
            report.target(target.description());
            MongoDatabase database = mongo.getDatabase(databaseOf(target.mongoUri()));

            step("raw store baselines");
            Baselines baselines = new Baselines(database, options);
            baselines.measure().forEach(f -> report.add(Report.BASELINES, f, null));

            step("account, schemas, " + options.holders() + " holders, ledger");
            Workload workload = Workload.prepare(driver, target.commandUrl(), target.queryUrl(), options);
            if (!options.warmUp().isZero()) {
                step("warm-up, " + options.warmUp().toSeconds() + " s of mixed commands and reads (not measured)");
                step(WarmUp.run(driver, workload, options));
            }
            CommandPhases commands = new CommandPhases(driver, workload, options, report, baselines,
                    maxSamples -> new ProjectionLagSampler(database.getCollection("entities"), maxSamples),
                    this::step);
            commands.creates();
            commands.bumps();
            commands.transfers();
            step(options.hotBumps() + " bumps on one counter");
            CommandPhases.HotCounter hot = commands.hotCounter();

            step("queries");
            new QueryPhases(driver, workload, options, report, baselines).run(commands.counters(), hot);

            // one last write marks the end of the store: the replay is over when the read model shows it
            ReplayTimer.Marker marker = commands.lastWrite(hot);
            long events = database.getCollection("domainevents").countDocuments();
            report.eventsInStore(events);
            step(String.format(Locale.ROOT, "replay of %,d events", events));
            ReplayTimer replay = new ReplayTimer(driver.client(1), workload.api(), Workload.ADMIN,
                    database.getCollection("entities"), options.replayLimit());
            // batched inserts are the replay's baseline (issue #8's target: a rebuild writes its read models in
            // batches, so 30 % of raw insertMany); reading the store, the raw scan, is the other bound
            report.add(Report.REPLAY, replay.measure(marker, events).withNote(String.format(Locale.ROOT,
                    "raw scan read %,.0f docs/s in this run", baselines.get(Baselines.SCAN, 1).rate())),
                    baselines.get(Baselines.INSERT_MANY, 1));
        }
        report.finished((System.nanoTime() - started) / 1e9);
        return report;
    }

    static String databaseOf(String uri) {
        String database = new ConnectionString(uri).getDatabase();
        return database == null ? "operadb" : database;
    }

    private void step(String what) {
        progress.printf(Locale.ROOT, "[bench %5.1f s] %s%n", (System.nanoTime() - createdNanos) / 1e9, what);
        progress.flush();
    }
}
