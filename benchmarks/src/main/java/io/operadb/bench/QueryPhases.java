package io.operadb.bench;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Read latency through the query API, each kind at one client (latency) and at the highest client count
 * (throughput): one entity by id, a filtered page of 50, a long history, and time travel on an entity with many
 * events, to its first version and to its next-to-last (rebuilt from nearly all of them).
 */
final class QueryPhases {

    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(5);

    private final LoadDriver driver;
    private final Workload workload;
    private final BenchOptions options;
    private final Report report;
    private final Baselines baselines;
    private final Random random = new Random(7);

    QueryPhases(LoadDriver driver, Workload workload, BenchOptions options, Report report, Baselines baselines) {
        this.driver = driver;
        this.workload = workload;
        this.options = options;
        this.report = report;
        this.baselines = baselines;
    }

    void run(List<String> counters, CommandPhases.HotCounter hot) {
        awaitProjection(hot);
        OperaDbApi api = workload.api();
        String admin = Workload.ADMIN;
        for (int clients : List.of(1, options.maxClients())) {
            int n = options.queries();
            String[] ids = new String[n];
            for (int i = 0; i < n; i++) {
                ids[i] = counters.get(random.nextInt(counters.size()));
            }
            measure("get entity by id", clients, i -> api.entity(admin, BenchSchemas.COUNTER, ids[i]));
            // brackets percent-encoded: java.net.URI refuses them raw
            measure("list 50, filtered (state.total>=1)", clients,
                    i -> api.list(admin, BenchSchemas.COUNTER, "state.total%5Bgte%5D=1&limit=50"));
            measure("history, " + Math.min(500, hot.version()) + " events", clients,
                    i -> api.entity(admin, BenchSchemas.COUNTER, hot.id() + "/events?limit=500"));
            measure("time travel atVersion=1 of " + hot.version(), clients,
                    i -> api.entity(admin, BenchSchemas.COUNTER, hot.id() + "?atVersion=1"));
            // the far end of time travel: a state rebuilt from nearly all of the entity's events
            long late = Math.max(1, hot.version() - 1);
            measure("time travel atVersion=" + late + " of " + hot.version(), clients,
                    i -> api.entity(admin, BenchSchemas.COUNTER, hot.id() + "?atVersion=" + late));
        }
    }

    private void measure(String name, int clients, IntFunction<HttpRequest> request) {
        Measurement m = driver.run(clients, options.queries(), options.phaseLimit(), request);
        report.add(Report.QUERIES, Figure.of(name, clients, m, "req/s"),
                baselines.get(Baselines.FIND_BY_ID, clients));
    }

    /**
     * Reads measured against a projection still working through the load would measure the backlog: wait until
     * the last write (the hot counter's last bump) is in the read model. The projection applies events in store
     * order, so everything before it is there too.
     */
    private void awaitProjection(CommandPhases.HotCounter hot) {
        workload.api().awaitVersion(driver.client(1), Workload.ADMIN, BenchSchemas.COUNTER, hot.id(), hot.version(),
                CATCH_UP_LIMIT);
    }
}
