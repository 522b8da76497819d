package io.operadb.bench;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's own tenant: a fresh account (so runs against long-lived services never collide), its admin,
 * the two schemas, and one ledger issued with an opening balance for each of its holders. Holders are actor ids;
 * the admin runs their transfers on their behalf (see {@link BenchSchemas#ledger()}).
 */
final class Workload {

    static final String ADMIN = "user:bench-admin";
    static final String LEDGER_ID = "coin";
    /** Each holder's opening balance; transfers move at most 9.99, so no holder runs dry during a run. */
    static final String OPENING_BALANCE = "100000.00";

    private final OperaDbApi api;
    private final List<String> holders;

    private Workload(OperaDbApi api, List<String> holders) {
        this.api = api;
        this.holders = holders;
    }

    static Workload prepare(LoadDriver driver, String commandUrl, String queryUrl, BenchOptions options) {
        String account = "bench-" + Long.toString(System.currentTimeMillis(), 36).toLowerCase(Locale.ROOT);
        OperaDbApi api = new OperaDbApi(commandUrl, queryUrl, account);
        HttpClient client = driver.client(1);
        OperaDbApi.call(client, api.createAccount(ADMIN));
        OperaDbApi.call(client, api.publishSchema(ADMIN, BenchSchemas.counter()));
        OperaDbApi.call(client, api.publishSchema(ADMIN, BenchSchemas.ledger()));

        List<String> holders = new ArrayList<>();
        StringBuilder opening = new StringBuilder("{\"opening\":{");
        for (int h = 1; h <= options.holders(); h++) {
            String holder = String.format(Locale.ROOT, "user:h%05d", h);
            holders.add(holder);
            opening.append(h == 1 ? "" : ",").append('"').append(holder).append("\":\"").append(OPENING_BALANCE)
                    .append('"');
        }
        OperaDbApi.call(client, api.create(ADMIN, BenchSchemas.LEDGER, LEDGER_ID, opening.append("}}").toString()));
        return new Workload(api, List.copyOf(holders));
    }

    OperaDbApi api() {
        return api;
    }

    List<String> holders() {
        return holders;
    }

    /** The read model's {@code _id} of an entity, as the query side keys it. */
    String readModelKey(String schema, String id) {
        return api.account() + "/" + schema + "/" + id;
    }
}
