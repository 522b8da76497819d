package io.operadb.command.api;

import io.operadb.embeddedmongo.EmbeddedMongoServer;
import io.operadb.embeddedmongo.EmbeddedMongoSettings;

/** One in-memory embedded MongoDB for the whole test run (it enforces unique indexes like a real MongoDB). */
final class TestMongo {

    private static EmbeddedMongoServer server;

    private TestMongo() {
    }

    static synchronized String connectionString() {
        if (server == null) {
            server = EmbeddedMongoServer.start(EmbeddedMongoSettings.inMemory());
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-mongo-stop"));
        }
        return server.connectionString();
    }
}
