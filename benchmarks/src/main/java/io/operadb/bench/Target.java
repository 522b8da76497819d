package io.operadb.bench;

import io.operadb.launcher.DevSettings;
import io.operadb.launcher.OperaDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** The services under test: the embedded default started for this run, or services already running elsewhere. */
final class Target implements AutoCloseable {

    /**
     * No banners: two of them would bury the table (logback.xml quiets the rest). The services are otherwise
     * exactly as {@code ./operadb dev} runs them.
     */
    private static final Map<String, Object> QUIET = Map.of("spring.main.banner-mode", "off");

    private final String commandUrl;
    private final String queryUrl;
    private final String mongoUri;
    private final String description;
    private final OperaDb embedded;
    private final Path dataDir;

    private Target(String commandUrl, String queryUrl, String mongoUri, String description, OperaDb embedded,
                   Path dataDir) {
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
        this.mongoUri = mongoUri;
        this.description = description;
        this.embedded = embedded;
        this.dataDir = dataDir;
    }

    static Target of(BenchOptions options) {
        if (!options.embedded()) {
            return new Target(options.commandUrl(), options.queryUrl(), options.mongoUri(),
                    "running services " + options.commandUrl() + " , " + options.queryUrl(), null, null);
        }
        return options.inMemory() ? embedded(null) : embedded(freshDataDir());
    }

    /** The embedded default on free ports; on a file in a fresh directory (deleted at close), or in memory. */
    private static Target embedded(Path dataDir) {
        DevSettings settings = dataDir == null ? DevSettings.ephemeral()
                : new DevSettings(dataDir, "localhost", 0, 0, 0);
        OperaDb db = OperaDb.start(settings, QUIET);
        return new Target("http://localhost:" + db.commandPort(), "http://localhost:" + db.queryPort(),
                db.mongoUri(), "embedded default, " + (dataDir == null ? "in memory" : "H2 file in " + dataDir),
                db, dataDir);
    }

    private static Path freshDataDir() {
        try {
            return Files.createTempDirectory("operadb-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String commandUrl() {
        return commandUrl;
    }

    String queryUrl() {
        return queryUrl;
    }

    String mongoUri() {
        return mongoUri;
    }

    /** The embedded default's services, for what only an in-process run can do; null for running services. */
    OperaDb embedded() {
        return embedded;
    }

    /**
     * Stops the embedded default and starts it again on the same data file (new ports): the start-up of a store
     * that already holds data. This target is spent afterwards; use and close the one returned.
     */
    Target restarted() {
        if (embedded == null || dataDir == null) {
            throw new IllegalStateException("only the embedded default on a file can be restarted");
        }
        embedded.close();
        return embedded(dataDir);
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        if (embedded == null) {
            return;
        }
        try {
            embedded.close();
        } finally {
            if (dataDir != null) {
                deleteQuietly(dataDir);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
