package io.operadb.launcher;

import io.operadb.signing.TestIdentities;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.operadb.api.naming.AggregateIds;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A long-lived entity is snapshotted, and after a restart (empty cache) it is loaded from the snapshot. */
class SnapshotEndToEndTest {

    @Test
    void a_long_lived_entity_is_snapshotted_and_keeps_counting_across_a_restart() throws Exception {
        Map<String, Object> lowThreshold = Map.of("operadb.command.snapshot-threshold", 20);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("operadb-snapshot");
        DevSettings settings = new DevSettings(dir, "localhost", 0, 0, 0);
        try (OperaDb first = OperaDb.start(settings, lowThreshold)) {
            Http alice = new Http("http://localhost:" + first.commandPort()).as("user:alice");
            assertThat(alice.post("/api/accounts", "{\"account\":\"snap\",\"owner\":{\"actorId\":\"user:alice\","
                    + "\"keys\":" + TestIdentities.keysJson("user:alice") + "}}").status()).isEqualTo(201);
            assertThat(alice.post("/api/accounts/snap/schemas", resource("/counter.json")).status()).isEqualTo(201);
            assertThat(alice.post("/api/accounts/snap/entities/counter", "{\"id\":\"c1\"}").status()).isEqualTo(201);
            for (int i = 0; i < 50; i++) {
                assertThat(alice.post("/api/accounts/snap/entities/counter/c1/bump", "{\"data\":{\"by\":2}}")
                        .status()).isEqualTo(200);
            }
            try (MongoClient client = MongoClients.create(first.mongoUri())) {
                Document snapshot = awaitSnapshot(client);
                assertThat(snapshot.getString("serializedPayload")).contains("\"total\"");
            }
        }
        try (OperaDb second = OperaDb.start(settings, lowThreshold)) {
            Http alice = new Http("http://localhost:" + second.commandPort()).as("user:alice");
            Http.Response bumped = alice.post("/api/accounts/snap/entities/counter/c1/bump", "{\"data\":{\"by\":1}}");
            assertThat(bumped.status()).as(bumped.toString()).isEqualTo(200);
            assertThat(bumped.json().get("version").asLong()).isEqualTo(52);
            Http.Response read = new Http("http://localhost:" + second.queryPort()).as("user:alice")
                    .get("/api/accounts/snap/entities/counter/c1?minVersion=52");
            assertThat(read.json().get("state").get("total").asLong()).isEqualTo(101);
        }
    }

    private static Document awaitSnapshot(MongoClient client) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Document snapshot = client.getDatabase(DevSettings.DATABASE).getCollection("snapshotevents")
                    .find(Filters.eq("aggregateIdentifier", AggregateIds.entity("snap", "counter", "c1"))).first();
            if (snapshot != null) {
                return snapshot;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no snapshot was taken");
    }

    static String resource(String name) throws IOException {
        try (var in = SnapshotEndToEndTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
