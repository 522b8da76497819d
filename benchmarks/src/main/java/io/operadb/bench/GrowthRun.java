package io.operadb.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code ./operadb bench --growth}: does the cost of a command, a time travel and a read stay flat as the store
 * grows? The store is filled to each size in turn (through the event store, see {@link EventPrefill}: a million
 * HTTP commands would take an hour), the projections catch up with the fill (a catch-up rate), and then at each
 * size the same measurements run: actions on the same working set of counters ({@code --entities}, 1,000) at the
 * highest client count, after one warm-up action on each (so the aggregate cache and the JIT are warm at every size
 * alike and the figure is the cost of an append), beside a raw {@code insertOne j:true} taken at that moment, time travel to version 1 of one counter with {@code hotEvents}
 * events, one entity by id, and the heap after a full GC. Last, the services are restarted on the full store: the
 * start-up of a store that holds the largest size.
 */
final class GrowthRun {

    static final String HOT = "hot";
    /** Events per filler counter: an open and nine bumps, so a million events make 100k entities. */
    static final int FILLER_EVENTS = 10;
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(40);

    private final BenchOptions options;
    private final PrintStream progress;
    private final long createdNanos = System.nanoTime();
    private final Random random = new Random(42);

    GrowthRun(BenchOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    Report run() {
        long started = System.nanoTime();
        Report report = new Report(options);
        step("starting the embedded default");
        long startNanos = System.nanoTime();
        Target target = Target.of(options);
        try (LoadDriver driver = new LoadDriver()) {
            report.add(Report.GROWTH, seconds("start-up to ready, empty store", System.nanoTime() - startNanos,
                    "both services and the embedded MongoDB, in this JVM"), null);
            report.target(target.description());
            OperaDbApi api;
            long inStore;
            try (MongoClient mongo = MongoClients.create(target.mongoUri())) {
                MongoDatabase database = mongo.getDatabase(BenchRun.databaseOf(target.mongoUri()));
                MongoCollection<Document> events = database.getCollection("domainevents");

                step("raw store baselines");
                Baselines baselines = new Baselines(database, options);
                baselines.measure().forEach(f -> report.add(Report.BASELINES, f, null));

                step("account and schemas");
                Workload workload = Workload.prepare(driver, target.commandUrl(), target.queryUrl(), options);
                api = workload.api();
                EventPrefill prefill = new EventPrefill(target.embedded().commandSide().getBean(EventStore.class),
                        api.account());
                List<Double> bumpRates = new ArrayList<>();
                long hotVersion = 0;
                int fillers = 0;
                for (int size : options.growth()) {
                    inStore = events.countDocuments();
                    step(String.format(Locale.ROOT, "filling the store from %,d to %,d events", inStore, size));
                    long fillStarted = System.nanoTime();
                    long writtenBefore = prefill.written();
                    if (hotVersion == 0) {
                        prefill.open(HOT);
                        prefill.bumps(HOT, 1, options.hotEvents() - 1);
                        hotVersion = options.hotEvents();
                        for (int w = 0; w < options.entities(); w++) {
                            prefill.open(workingSetId(w));
                        }
                    }
                    while (inStore + prefill.written() - writtenBefore < size) {
                        String id = String.format(Locale.ROOT, "f-%07d", fillers++);
                        prefill.open(id);
                        prefill.bumps(id, 1, FILLER_EVENTS - 1);
                    }
                    prefill.flush();
                    long appended = prefill.written() - writtenBefore;
                    long fillNanos = System.nanoTime() - fillStarted;
                    // one command through the API after the fill: once the read model shows it, the projection
                    // has applied everything before it
                    hotVersion = OperaDbApi.call(driver.client(1),
                            api.act(Workload.ADMIN, BenchSchemas.COUNTER, HOT, "bump", "{\"by\":1}"))
                            .path("version").asLong();
                    awaitReadModel(driver, api, hotVersion);
                    long catchUpNanos = System.nanoTime() - fillStarted;
                    inStore = events.countDocuments();
                    String at = String.format(Locale.ROOT, " @%,d", inStore);
                    report.add(Report.GROWTH, rate("fill (event store appends)" + at, appended, fillNanos,
                            "events/s", "batches of " + EventPrefill.BATCH + ", journaled"), null);
                    report.add(Report.GROWTH, rate("projection catch-up" + at, appended, catchUpNanos, "events/s",
                            String.format(Locale.ROOT, "%,d events appended and projected; the projection ran "
                                    + "during the appends and was timed from the first to its read model showing "
                                    + "the last", appended)), baselines.get(Baselines.INSERT_MANY, 1));

                    int clients = options.maxClients();
                    step("warming up: one bump on each counter of the working set at" + at);
                    driver.run(clients, options.entities(), CATCH_UP_LIMIT, i -> api.act(Workload.ADMIN,
                            BenchSchemas.COUNTER, workingSetId(i), "bump", "{\"by\":1}"));
                    step("bumps on the working set at" + at);
                    Measurement bumps = bumps(driver, api, clients);
                    Figure bumpFigure = Figure.of("bump counter" + at, clients, bumps, "req/s");
                    bumpRates.add(bumpFigure.rate());
                    report.add(Report.GROWTH, bumpFigure, baselines.journaledInsertOneNow(clients));
                    hotVersion = awaitHot(driver, api);

                    step("reads at" + at);
                    long v = hotVersion;
                    Measurement travel = driver.run(1, options.queries(), options.phaseLimit(),
                            i -> api.entity(Workload.ADMIN, BenchSchemas.COUNTER, HOT + "?atVersion=1"));
                    report.add(Report.GROWTH, Figure.of("time travel v1 of " + v + at, 1, travel, "req/s"),
                            baselines.get(Baselines.FIND_BY_ID, 1));
                    Measurement byId = driver.run(1, options.queries(), options.phaseLimit(),
                            i -> api.entity(Workload.ADMIN, BenchSchemas.COUNTER,
                                    workingSetId(random.nextInt(options.entities()))));
                    report.add(Report.GROWTH, Figure.of("entity by id" + at, 1, byId, "req/s"),
                            baselines.get(Baselines.FIND_BY_ID, 1));
                    report.add(Report.GROWTH, heapAfterGc("heap after full GC" + at), null);
                }
                if (bumpRates.size() > 1) {
                    double ratio = bumpRates.get(bumpRates.size() - 1) / bumpRates.get(0);
                    report.add(Report.GROWTH, new Figure("bump rate, largest / smallest", options.maxClients(), 1,
                            0, ratio, "x", Percentiles.NONE, "target: within 15% (0.85 or more)"), null);
                }
                inStore = events.countDocuments();
            }
            step(String.format(Locale.ROOT, "restarting on the store of %,d events", inStore));
            long restartNanos = System.nanoTime();
            target = target.restarted();
            OperaDbApi moved = api.movedTo(target.commandUrl(), target.queryUrl());
            OperaDbApi.call(driver.client(1), moved.entity(Workload.ADMIN, BenchSchemas.COUNTER, HOT));
            report.add(Report.GROWTH, seconds(String.format(Locale.ROOT, "start-up to ready @%,d", inStore),
                    System.nanoTime() - restartNanos, "stop, start on the same file, first read answered; "
                            + "in this JVM (classes already loaded)"), null);
            report.eventsInStore(inStore);
        } finally {
            target.close();
        }
        report.finished((System.nanoTime() - started) / 1e9);
        return report;
    }

    private Measurement bumps(LoadDriver driver, OperaDbApi api, int clients) {
        int n = options.actions();
        String[] targets = new String[n];
        int[] amounts = new int[n];
        for (int i = 0; i < n; i++) {
            targets[i] = workingSetId(random.nextInt(options.entities()));
            amounts[i] = 1 + random.nextInt(5);
        }
        return driver.run(clients, n, options.phaseLimit(), i -> api.act(Workload.ADMIN, BenchSchemas.COUNTER,
                targets[i], "bump", "{\"by\":" + amounts[i] + "}"));
    }

    /** The hot counter's version once the read model has caught up with the bumps (one more bump marks the end). */
    private long awaitHot(LoadDriver driver, OperaDbApi api) {
        long version = OperaDbApi.call(driver.client(1),
                api.act(Workload.ADMIN, BenchSchemas.COUNTER, HOT, "bump", "{\"by\":1}")).path("version").asLong();
        awaitReadModel(driver, api, version);
        return version;
    }

    private static void awaitReadModel(LoadDriver driver, OperaDbApi api, long version) {
        api.awaitVersion(driver.client(1), Workload.ADMIN, BenchSchemas.COUNTER, HOT, version, CATCH_UP_LIMIT);
    }

    static String workingSetId(int n) {
        return String.format(Locale.ROOT, "w-%04d", n);
    }

    private static Figure rate(String name, long count, long nanos, String unit, String note) {
        return new Figure(name, 1, count, 0, count / (nanos / 1e9), unit, Percentiles.ofSorted(new long[] {nanos}),
                note);
    }

    private static Figure seconds(String name, long nanos, String note) {
        return new Figure(name, 1, 1, 0, nanos / 1e9, "s", Percentiles.ofSorted(new long[] {nanos}), note);
    }

    /** Heap in use after a full collection: what the services (and this driver, in the same JVM) really hold. */
    private static Figure heapAfterGc(String name) {
        System.gc();
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long max = Runtime.getRuntime().maxMemory();
        return new Figure(name, 1, 1, 0, used / (1024.0 * 1024.0), "MB", Percentiles.NONE,
                String.format(Locale.ROOT, "max heap %,d MB; services and bench driver share the JVM",
                        max / (1024 * 1024)));
    }

    private void step(String what) {
        progress.printf(Locale.ROOT, "[growth %6.1f s] %s%n", (System.nanoTime() - createdNanos) / 1e9, what);
        progress.flush();
    }
}
