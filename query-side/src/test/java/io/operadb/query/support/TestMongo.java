package io.operadb.query.support;

import io.operadb.embeddedmongo.EmbeddedMongoServer;
import io.operadb.embeddedmongo.EmbeddedMongoSettings;

import java.util.UUID;

/** One in-memory embedded MongoDB for the whole test run; each Spring context gets its own database on it. */
public final class TestMongo {

    private static EmbeddedMongoServer server;

    private TestMongo() {
    }

    public static synchronized String connectionString() {
        if (server == null) {
            server = EmbeddedMongoServer.start(EmbeddedMongoSettings.inMemory());
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-mongo-stop"));
        }
        return server.connectionString();
    }

    /** A URI of a database nobody else uses. */
    public static String freshDatabaseUri(String prefix) {
        return connectionString() + "/" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
