package io.operadb.embeddedmongo;

import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/** MongoDB Java driver clients for tests, with short timeouts so that a broken server fails fast. */
final class TestClients {

    private TestClients() {
    }

    static MongoClient connect(EmbeddedMongoServer server) {
        return connect(server.connectionString());
    }

    static MongoClient connect(String connectionString) {
        return MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(connectionString))
            .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
            .applyToSocketSettings(socket -> socket.connectTimeout(5, TimeUnit.SECONDS).readTimeout(30, TimeUnit.SECONDS))
            .build());
    }
}
