package io.operadb.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one run does and against what. A full run and {@code --quick} differ only in their default sizes; any
 * size given on the command line wins over either.
 *
 * @param quick         the smoke-run sizes
 * @param entities      counters created per client count
 * @param actions       counter bumps per client count
 * @param transfers     ledger transfers per client count
 * @param holders       actors holding a balance in the ledger
 * @param hotBumps      bumps on the one counter whose history and time travel are queried
 * @param queries       requests per query kind and client count
 * @param baselineDocs  documents per raw insertOne baseline
 * @param scanDocs      documents written by the raw insertMany baseline and read back by the raw scan
 * @param clients       the concurrent client counts every command measurement runs at
 * @param phaseLimit    a measurement stops early after this long (its rate stays valid), so a slow store still
 *                      finishes the run in bounded time
 * @param baselineLimit the same for each raw-store baseline
 * @param replayLimit   the same for the replay
 * @param out           where the JSON and CSV reports go
 * @param commandUrl    a running command API, or null to start the embedded default
 * @param queryUrl      a running query API (with commandUrl)
 * @param mongoUri      the MongoDB both run on (with commandUrl)
 * @param inMemory      start the embedded default without a file (tests)
 * @param growth        store sizes (events) of a growth run, ascending; empty for the ordinary run
 * @param hotEvents     events of the one entity whose time travel a growth run measures
 * @param warmUp        how long a mixed load runs, unmeasured, before the first measurement through the APIs
 */
public record BenchOptions(boolean quick, int entities, int actions, int transfers, int holders, int hotBumps,
                           int queries, int baselineDocs, int scanDocs, List<Integer> clients,
                           Duration phaseLimit, Duration baselineLimit, Duration replayLimit, Path out, String commandUrl, String queryUrl, String mongoUri,
                           boolean inMemory, List<Integer> growth, int hotEvents, Duration warmUp) {

    public static final String USAGE = """
            Usage: ./operadb bench [options]
              --quick              a smoke run of a few seconds
              --entities N         counters created per client count, or a growth run's working set (default 1000; quick 30)
              --actions N          counter bumps per client count (default 2000; quick 60)
              --transfers N        ledger transfers per client count (default 1000; quick 30)
              --holders N          holders of the ledger's coin (default 1000; quick 20)
              --hot-bumps N        bumps on the one counter whose history is queried (default 2000; quick 40)
              --seconds N          longest time of one command or query measurement (default 10; quick 2);
                                   a measurement that hits it reports the rate of what it did
              --clients 1,8,32     concurrent clients of each command measurement
              --out DIR            where the JSON and CSV reports go (default target/bench)
              --command-url URL    measure running services instead of the embedded default; needs
              --query-url URL        the query API as well, and
              --mongo-uri URI        the MongoDB they use (mongodb://host:port/database)
              --in-memory          embedded default without a data file
              --growth [SIZES]     instead of the run above, a growth run: fill the store to each size in turn
                                   (default 10000,100000,1000000 events; quick 2000,4000) and measure command
                                   throughput, time travel, catch-up, heap and start-up there (embedded only)
              --hot-events N       events of the entity a growth run time-travels on (default 10000; quick 500)
              --warm-up N          seconds of mixed commands and reads, not measured, before the API
                                   measurements: the JIT compiler takes a core for two minutes or more after start
                                   (default 120; quick 0)
            """;

    public BenchOptions {
        clients = List.copyOf(clients);
        if (clients.isEmpty() || clients.stream().anyMatch(c -> c < 1)) {
            throw new IllegalArgumentException("--clients needs positive numbers, e.g. 1,8,32");
        }
        if ((commandUrl == null) != (queryUrl == null) || (commandUrl == null) != (mongoUri == null)) {
            throw new IllegalArgumentException("--command-url, --query-url and --mongo-uri go together");
        }
        growth = List.copyOf(growth);
        for (int i = 1; i < growth.size(); i++) {
            if (growth.get(i) <= growth.get(i - 1)) {
                throw new IllegalArgumentException("--growth needs ascending sizes, e.g. 10000,100000,1000000");
            }
        }
        if (!growth.isEmpty() && commandUrl != null) {
            throw new IllegalArgumentException("--growth fills the store through the embedded default's own event "
                    + "store; it cannot target running services");
        }
    }

    public boolean embedded() {
        return commandUrl == null;
    }

    public boolean growthRun() {
        return !growth.isEmpty();
    }

    public int maxClients() {
        return clients.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    public static BenchOptions parse(String... args) {
        List<String> list = Arrays.asList(args);
        boolean quick = list.contains("--quick");
        Builder b = quick ? Builder.quick() : Builder.full();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            switch (name) {
                case "--quick" -> { }
                case "--in-memory" -> b.inMemory = true;
                case "--growth" -> {
                    boolean sizesGiven = i + 1 < args.length && args[i + 1].matches("[0-9_,]+");
                    b.growth = sizesGiven ? positiveList(name, args[++i]) : (quick ? List.of(2_000, 4_000)
                            : List.of(10_000, 100_000, 1_000_000));
                }
                case "--hot-events" -> b.hotEvents = positive(name, value(args, ++i, name));
                case "--warm-up" -> b.warmUp = Duration.ofSeconds(nonNegative(name, value(args, ++i, name)));
                case "--entities" -> b.entities = positive(name, value(args, ++i, name));
                case "--actions" -> b.actions = positive(name, value(args, ++i, name));
                case "--transfers" -> b.transfers = positive(name, value(args, ++i, name));
                case "--holders" -> b.holders = Math.max(2, positive(name, value(args, ++i, name)));
                case "--hot-bumps" -> b.hotBumps = positive(name, value(args, ++i, name));
                case "--seconds" -> b.phaseLimit = Duration.ofSeconds(positive(name, value(args, ++i, name)));
                case "--clients" -> b.clients = clientList(value(args, ++i, name));
                case "--out" -> b.out = Path.of(value(args, ++i, name));
                case "--command-url" -> b.commandUrl = stripSlash(value(args, ++i, name));
                case "--query-url" -> b.queryUrl = stripSlash(value(args, ++i, name));
                case "--mongo-uri" -> b.mongoUri = value(args, ++i, name);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return b.build(quick);
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static int positive(String name, String text) {
        try {
            int n = Integer.parseInt(text.replace("_", ""));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + " needs a positive whole number, not " + text);
    }

    private static int nonNegative(String name, String text) {
        return "0".equals(text.trim()) ? 0 : positive(name, text);
    }

    private static List<Integer> clientList(String text) {
        return positiveList("--clients", text);
    }

    private static List<Integer> positiveList(String name, String text) {
        List<Integer> numbers = new ArrayList<>();
        for (String part : text.split(",")) {
            numbers.add(positive(name, part.trim()));
        }
        return numbers;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Mutable while parsing only. */
    private static final class Builder {
        int entities;
        int actions;
        int transfers;
        int holders;
        int hotBumps;
        int queries;
        int baselineDocs;
        int scanDocs;
        List<Integer> clients = List.of(1, 8, 32);
        Duration phaseLimit;
        Duration baselineLimit;
        Duration replayLimit;
        Path out = Path.of("target", "bench");
        String commandUrl;
        String queryUrl;
        String mongoUri;
        boolean inMemory;
        List<Integer> growth = List.of();
        int hotEvents;
        Duration warmUp;

        static Builder full() {
            Builder b = new Builder();
            b.entities = 1_000;
            b.actions = 2_000;
            b.transfers = 1_000;
            b.holders = 1_000;
            b.hotBumps = 2_000;
            b.queries = 300;
            b.baselineDocs = 5_000;
            b.scanDocs = 100_000;
            b.phaseLimit = Duration.ofSeconds(10);
            b.baselineLimit = Duration.ofSeconds(3);
            b.replayLimit = Duration.ofSeconds(120);
            b.hotEvents = 10_000;
            b.warmUp = Duration.ofSeconds(120);
            return b;
        }

        static Builder quick() {
            Builder b = new Builder();
            b.entities = 30;
            b.actions = 60;
            b.transfers = 30;
            b.holders = 20;
            b.hotBumps = 40;
            b.queries = 20;
            b.baselineDocs = 200;
            b.scanDocs = 5_000;
            b.phaseLimit = Duration.ofSeconds(2);
            b.baselineLimit = Duration.ofSeconds(1);
            b.replayLimit = Duration.ofSeconds(20);
            b.hotEvents = 500;
            b.warmUp = Duration.ZERO;
            return b;
        }

        BenchOptions build(boolean quick) {
            return new BenchOptions(quick, entities, actions, transfers, holders, hotBumps, queries, baselineDocs,
                    scanDocs, clients, phaseLimit, baselineLimit, replayLimit, out, commandUrl, queryUrl, mongoUri, inMemory,
                    growth, hotEvents, warmUp);
        }
    }
}
