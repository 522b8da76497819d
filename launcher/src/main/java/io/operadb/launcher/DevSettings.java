package io.operadb.launcher;

import java.nio.file.Path;
import java.util.Map;

/**
 * Settings of the embedded default, from the environment: where data lives and which ports to use.
 *
 * @param dataDir     directory of the embedded MongoDB's file; null keeps everything in memory (tests)
 * @param mongoHost   interface the embedded MongoDB binds to
 * @param mongoPort   its port (0: any free port)
 * @param commandPort the command API's port (0: any free port)
 * @param queryPort   the query API's port (0: any free port)
 */
public record DevSettings(Path dataDir, String mongoHost, int mongoPort, int commandPort, int queryPort) {

    public static final String DATABASE = "operadb";

    public static DevSettings fromEnvironment(Map<String, String> env) {
        return new DevSettings(
                Path.of(env.getOrDefault("OPERADB_DATA_DIR", "data")),
                env.getOrDefault("OPERADB_MONGO_HOST", "localhost"),
                Integer.parseInt(env.getOrDefault("OPERADB_MONGO_PORT", "27017")),
                Integer.parseInt(env.getOrDefault("OPERADB_COMMAND_PORT", "8080")),
                Integer.parseInt(env.getOrDefault("OPERADB_QUERY_PORT", "8081")));
    }

    /** Everything in memory on free ports: for tests. */
    public static DevSettings ephemeral() {
        return new DevSettings(null, "localhost", 0, 0, 0);
    }

    public DevSettings withDataDir(Path dir) {
        return new DevSettings(dir, mongoHost, mongoPort, commandPort, queryPort);
    }
}
