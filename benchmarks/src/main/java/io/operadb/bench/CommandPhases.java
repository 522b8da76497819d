package io.operadb.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Command throughput and latency through the command API: creates, actions on existing entities (counter bumps
 * spread over many entities), and coin transfers that all land on one ledger entity, at each client count. The
 * projection lag is sampled during the highest-concurrency bump load, when the projection is busiest.
 */
final class CommandPhases {

    private final LoadDriver driver;
    private final Workload workload;
    private final BenchOptions options;
    private final Report report;
    private final Baselines baselines;
    private final LagProbe lagProbe;
    private final Consumer<String> progress;
    /** Fixed seed: two runs with the same settings send the same requests. */
    private final Random random = new Random(42);
    private final List<String> counters = new ArrayList<>();

    /** Starts a projection lag sampler; the phases need not know about MongoDB. */
    interface LagProbe {
        ProjectionLagSampler start(int maxSamples);
    }

    CommandPhases(LoadDriver driver, Workload workload, BenchOptions options, Report report, Baselines baselines,
                  LagProbe lagProbe, Consumer<String> progress) {
        this.driver = driver;
        this.workload = workload;
        this.options = options;
        this.report = report;
        this.baselines = baselines;
        this.lagProbe = lagProbe;
        this.progress = progress;
    }

    void creates() {
        for (int clients : options.clients()) {
            String prefix = String.format(Locale.ROOT, "c%02d-", clients);
            ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
            progress.accept("create counter, " + clients + " clients");
            Measurement m = driver.run(clients, options.entities(), options.phaseLimit(),
                    i -> workload.api().create(Workload.ADMIN, BenchSchemas.COUNTER, prefix + i, "{}"),
                    (i, body, at) -> created.add(prefix + i));
            counters.addAll(created);
            add(Figure.of("create counter", clients, m, "req/s"));
        }
        if (counters.isEmpty()) {
            throw new IllegalStateException("no counter could be created");
        }
    }

    void bumps() {
        for (int clients : options.clients()) {
            int n = options.actions();
            String[] targets = new String[n];
            int[] amounts = new int[n];
            for (int i = 0; i < n; i++) {
                targets[i] = counters.get(random.nextInt(counters.size()));
                amounts[i] = 1 + random.nextInt(5);
            }
            boolean sampled = clients == options.maxClients();
            progress.accept("bump counter, " + clients + " clients" + (sampled ? ", projection lag sampled" : ""));
            ProjectionLagSampler lag = sampled ? lagProbe.start(n) : null;
            Measurement m = driver.run(clients, n, options.phaseLimit(),
                    i -> workload.api().act(Workload.ADMIN, BenchSchemas.COUNTER, targets[i], "bump",
                            "{\"by\":" + amounts[i] + "}"),
                    (i, body, at) -> {
                        if (lag != null) {
                            lag.offer(workload.readModelKey(BenchSchemas.COUNTER, targets[i]),
                                    OperaDbApi.receiptVersion(body), at);
                        }
                    });
            add(Figure.of("bump counter (random of many)", clients, m, "req/s"));
            if (lag != null) {
                report.add(Report.PROJECTION_LAG, lag.stop("receipt to read model (during bumps)", clients),
                        baselines.get(Baselines.INSERT_ONE_ACKNOWLEDGED, 1));
            }
        }
    }

    void transfers() {
        List<String> holders = workload.holders();
        for (int clients : options.clients()) {
            int n = options.transfers();
            String[] bodies = new String[n];
            for (int i = 0; i < n; i++) {
                List<String> pair = pickTwo(holders);
                bodies[i] = String.format(Locale.ROOT, "{\"from\":\"%s\",\"to\":\"%s\",\"amount\":\"%d.%02d\"}",
                        pair.get(0), pair.get(1), random.nextInt(10), 1 + random.nextInt(99));
            }
            progress.accept("transfer coin, " + clients + " clients");
            Measurement m = driver.run(clients, n, options.phaseLimit(), i -> workload.api()
                    .act(Workload.ADMIN, BenchSchemas.LEDGER, Workload.LEDGER_ID, "transfer", bodies[i]));
            add(Figure.of("transfer coin (one ledger, " + holders.size() + " holders)", clients, m, "req/s"));
        }
    }

    /**
     * Many actions on one counter: the entity that history and time-travel queries read, and a measure of how
     * actions on a single hot entity fare (they serialise on it).
     *
     * @return the counter's id and its version afterwards
     */
    HotCounter hotCounter() {
        String id = "hot";
        OperaDbApi.call(driver.client(1), workload.api().create(Workload.ADMIN, BenchSchemas.COUNTER, id, "{}"));
        int clients = Math.min(8, options.maxClients());
        // no time limit: the queries need all of these events on the one entity
        Measurement m = driver.run(clients, options.hotBumps(), Duration.ofMinutes(10),
                i -> workload.api().act(Workload.ADMIN, BenchSchemas.COUNTER, id, "bump", "{\"by\":1}"));
        add(Figure.of("bump one counter (same entity)", clients, m, "req/s"));
        return new HotCounter(id, 1 + m.operations() - m.errors());
    }

    record HotCounter(String id, long version) {
    }

    /** One more bump on the hot counter, outside any measurement: the newest event in the store. */
    ReplayTimer.Marker lastWrite(HotCounter hot) {
        long version = OperaDbApi.call(driver.client(1),
                workload.api().act(Workload.ADMIN, BenchSchemas.COUNTER, hot.id(), "bump", "{\"by\":1}"))
                .path("version").asLong();
        return new ReplayTimer.Marker(workload.readModelKey(BenchSchemas.COUNTER, hot.id()), version);
    }

    List<String> counters() {
        return Collections.unmodifiableList(counters);
    }

    private List<String> pickTwo(List<String> holders) {
        int a = random.nextInt(holders.size());
        int b = random.nextInt(holders.size() - 1);
        return List.of(holders.get(a), holders.get(b >= a ? b + 1 : b));
    }

    private void add(Figure figure) {
        report.add(Report.COMMANDS, figure, baselines.get(Baselines.INSERT_ONE_JOURNALED, figure.clients()));
    }
}
