package io.operadb.embeddedmongo;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the embedded server keeps its data and where it listens.
 *
 * @param dataFile the H2 MVStore file; {@code null} keeps everything in memory
 * @param host     the interface to bind, {@code "localhost"} when blank
 * @param port     the TCP port, {@code 0} picks any free port
 */
public record EmbeddedMongoSettings(Path dataFile, String host, int port) {

    public static final String DEFAULT_HOST = "localhost";

    public EmbeddedMongoSettings {
        host = (host == null || host.isBlank()) ? DEFAULT_HOST : host;
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** In memory, on localhost, any free port. */
    public static EmbeddedMongoSettings inMemory() {
        return new EmbeddedMongoSettings(null, DEFAULT_HOST, 0);
    }

    /** Persisted in {@code dataFile}, on localhost, any free port. */
    public static EmbeddedMongoSettings file(Path dataFile) {
        return new EmbeddedMongoSettings(Objects.requireNonNull(dataFile, "dataFile"), DEFAULT_HOST, 0);
    }

    public EmbeddedMongoSettings withPort(int newPort) {
        return new EmbeddedMongoSettings(dataFile, host, newPort);
    }

    public EmbeddedMongoSettings withHost(String newHost) {
        return new EmbeddedMongoSettings(dataFile, newHost, port);
    }

    public boolean isInMemory() {
        return dataFile == null;
    }
}
