package io.operadb.bench;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A mixed load that is not measured, run before the first measurement through the APIs: creates, actions on
 * existing entities, ledger transfers and reads, at the highest client count. Right after start the JIT compiler
 * takes about a core of this 2-core machine for two to three minutes (JFR: 27,000 compilations, 3 minutes of
 * compiler time, most of it in the first 150 s), so the first phases would measure the compiler as much as OperaDB;
 * a long-running service has long since compiled its hot paths. The warm-up's entities (ids {@code warm-*}) stay in the store and are replayed with the rest.
 */
final class WarmUp {

    private static final int COUNTERS = 100;
    /** More than a warm-up does in its time here; the load driver keeps a latency slot for each. */
    private static final int MAX_REQUESTS = 1_000_000;

    private WarmUp() {
    }

    /** @return what the warm-up did, its requests and errors (none are expected) */
    static String run(LoadDriver driver, Workload workload, BenchOptions options) {
        long until = System.nanoTime() + options.warmUp().toNanos();
        OperaDbApi api = workload.api();
        int clients = options.maxClients();
        Measurement creates = driver.run(clients, COUNTERS, options.warmUp(),
                i -> api.create(Workload.ADMIN, BenchSchemas.COUNTER, counter(i), "{}"));
        List<String> holders = workload.holders();
        Duration left = Duration.ofNanos(Math.max(0, until - System.nanoTime()));
        Measurement mixed = driver.run(clients, MAX_REQUESTS, left, i -> request(api, holders, i));
        return String.format(Locale.ROOT, "warm-up done: %d requests, %d errors%s",
                creates.operations() + mixed.operations(), creates.errors() + mixed.errors(),
                mixed.firstError() == null ? "" : " (first: " + mixed.firstError() + ")");
    }

    private static HttpRequest request(OperaDbApi api, List<String> holders, int i) {
        String counter = counter(i % COUNTERS);
        return switch (i % 8) {
            case 0 -> api.create(Workload.ADMIN, BenchSchemas.COUNTER, "warm-x" + i, "{}");
            case 1 -> api.act(Workload.ADMIN, BenchSchemas.LEDGER, Workload.LEDGER_ID, "transfer",
                    String.format(Locale.ROOT, "{\"from\":\"%s\",\"to\":\"%s\",\"amount\":\"0.01\"}",
                            holders.get(i % holders.size()), holders.get((i + 1) % holders.size())));
            case 2 -> api.entity(Workload.ADMIN, BenchSchemas.COUNTER, counter);
            case 3 -> api.list(Workload.ADMIN, BenchSchemas.COUNTER, "state.total%5Bgte%5D=1&limit=50");
            case 4 -> api.entity(Workload.ADMIN, BenchSchemas.COUNTER, counter + "/events?limit=50");
            case 5 -> api.entity(Workload.ADMIN, BenchSchemas.COUNTER, counter + "?atVersion=1");
            default -> api.act(Workload.ADMIN, BenchSchemas.COUNTER, counter, "bump", "{\"by\":1}");
        };
    }

    private static String counter(int n) {
        return "warm-" + n;
    }
}
