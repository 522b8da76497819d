package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

class EmbeddedMongoServerTest {

    @TempDir
    Path tempDir;

    @Test
    void documents_survive_a_close_and_restart_on_the_same_file() {
        Path file = tempDir.resolve("nested/dirs/data.mv");
        List<Document> written = new ArrayList<>();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file));
             MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> events = client.getDatabase("app").getCollection("events");
            for (int i = 0; i < 100; i++) {
                Document document = new Document("_id", "e-" + i).append("n", i).append("payload", "x".repeat(i));
                events.insertOne(document);
                written.add(document);
            }
            events.updateOne(new Document("_id", "e-7"), new Document("$set", new Document("n", 700)));
            events.deleteOne(new Document("_id", "e-8"));
        }
        assertThat(Files.exists(file)).as("parent directories and file are created").isTrue();

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file));
             MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> events = client.getDatabase("app").getCollection("events");
            assertThat(events.countDocuments()).isEqualTo(99);
            assertThat(events.find(new Document("_id", "e-7")).first().getInteger("n")).isEqualTo(700);
            assertThat(events.find(new Document("_id", "e-8")).first()).isNull();
            assertThat(events.find(new Document("_id", "e-42")).first()).isEqualTo(written.get(42));
        }
    }

    @Test
    void the_data_size_is_the_bson_size_of_the_documents_stored() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(tempDir.resolve("size.mv")));
             MongoClient client = TestClients.connect(server)) {
            MongoDatabase database = client.getDatabase("app");
            MongoCollection<Document> items = database.getCollection("items");
            items.createIndex(com.mongodb.client.model.Indexes.ascending("k"));
            long expected = 0;
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Document document = new Document("_id", i).append("k", "key-" + i).append("payload", "x".repeat(i));
                expected += bsonSize(document);
                if (i % 2 == 0) {
                    items.insertOne(document);
                } else {
                    batch.add(document);
                }
            }
            items.insertMany(batch);
            Document withoutId = new Document("k", "no id");
            items.insertOne(withoutId); // the driver adds the _id
            expected += bsonSize(withoutId);
            assertThat(dataSize(database)).isEqualTo(expected);

            items.deleteMany(new Document());
            assertThat(dataSize(database)).isZero();
        }
    }

    private static long bsonSize(Document document) {
        return new org.bson.RawBsonDocument(document, new org.bson.codecs.DocumentCodec()).getByteBuffer().remaining();
    }

    private static long dataSize(MongoDatabase database) {
        return ((Number) database.runCommand(new Document("collStats", "items")).get("size")).longValue();
    }

    @Test
    void answers_hello_as_a_writable_primary_as_monitoring_clients_ask_it() {
        // Spring Boot's MongoDB health check sends {hello: 1}; mongo-java-server knows only isMaster
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.inMemory());
             MongoClient client = TestClients.connect(server)) {
            Document answer = client.getDatabase("any").runCommand(new Document("hello", 1));
            assertThat(answer.get("ok")).isIn(1, 1.0);
            assertThat(answer.getBoolean("isWritablePrimary")).isTrue();
            assertThat(answer.get("maxWireVersion")).isNotNull();
        }
    }

    @Test
    void in_memory_server_listens_on_a_free_port_and_reports_its_connection_string() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.inMemory());
             MongoClient client = TestClients.connect(server)) {
            assertThat(server.port()).isPositive();
            assertThat(server.connectionString()).isEqualTo("mongodb://localhost:" + server.port());
            client.getDatabase("app").getCollection("c").insertOne(new Document("a", 1));
            assertThat(client.getDatabase("app").getCollection("c").countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void a_file_written_by_mongo_java_servers_own_h2_backend_opens_with_its_indexes_rebuilt() {
        Path file = tempDir.resolve("legacy.mv");
        de.bwaldvogel.mongo.MongoServer legacy = new de.bwaldvogel.mongo.MongoServer(
            new de.bwaldvogel.mongo.backend.h2.H2Backend(file.toString()));
        try (MongoClient client = TestClients.connect(legacy.bindAndGetConnectionString())) {
            MongoCollection<Document> items = client.getDatabase("app").getCollection("items");
            items.createIndex(com.mongodb.client.model.Indexes.ascending("k"), new com.mongodb.client.model.IndexOptions().unique(true));
            for (int i = 0; i < 100; i++) {
                items.insertOne(new Document("_id", i).append("k", "key-" + i));
            }
        } finally {
            legacy.shutdownNow();
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file));
             MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> items = client.getDatabase("app").getCollection("items");
            assertThat(items.find(new Document("k", "key-42")).first().getInteger("_id")).isEqualTo(42);
            assertThat(server.queryMetrics().collectionScans()).isZero();
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> items.insertOne(new Document("k", "key-1"))))
                .isInstanceOf(com.mongodb.MongoWriteException.class);
        }
    }

    @Test
    void index_maps_of_the_former_layout_are_rebuilt_at_start_and_left_out_of_a_rewrite() {
        Path file = tempDir.resolve("former.mv");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file));
             MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> items = client.getDatabase("app").getCollection("items");
            items.createIndex(com.mongodb.client.model.Indexes.ascending("k"), new com.mongodb.client.model.IndexOptions().unique(true));
            items.createIndex(com.mongodb.client.model.Indexes.descending("n"));
            for (int i = 0; i < 300; i++) {
                items.insertOne(new Document("_id", "item-" + i).append("k", "key-" + i).append("n", i % 30));
            }
        }
        List<String> formerMaps = replaceIndexMapsByFormerOnes(file);
        assertThat(formerMaps).hasSize(3); // _id_, k_1, n_-1

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file));
             MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> items = client.getDatabase("app").getCollection("items");
            assertThat(items.find(new Document("k", "key-42")).first().getString("_id")).isEqualTo("item-42");
            assertThat(items.countDocuments(new Document("n", new Document("$gte", 25)))).isEqualTo(50);
            assertThat(items.find(new Document("_id", "item-7")).first().getString("k")).isEqualTo("key-7");
            assertThat(server.queryMetrics().collectionScans()).isZero();
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> items.insertOne(new Document("k", "key-1"))))
                .isInstanceOf(com.mongodb.MongoWriteException.class);
        }
        assertThat(mapNames(file)).doesNotContainAnyElementsOf(formerMaps);
        List<String> indexMaps = mapNames(file).stream().filter(IndexedH2Database::isIndexMap).toList();
        assertThat(indexMaps).hasSize(3);

        // a rewrite of a file that still has them (one the current code never opened) leaves them out
        try (org.h2.mvstore.MVStore store = new org.h2.mvstore.MVStore.Builder().fileName(file.toString()).open()) {
            store.openMap(formerMaps.get(0), formerIndexMap()).put(new byte[] {0x01, 0x28}, "item-0");
        }
        StoreRewriter.rewrite(file);
        assertThat(mapNames(file)).doesNotContainAnyElementsOf(formerMaps).containsAll(indexMaps);
    }

    /** What a store of the former layout holds: index maps under the former name, whose values were positions. */
    private static List<String> replaceIndexMapsByFormerOnes(Path file) {
        List<String> formerMaps = new ArrayList<>();
        try (org.h2.mvstore.MVStore store = new org.h2.mvstore.MVStore.Builder().fileName(file.toString()).open()) {
            for (String mapName : new ArrayList<>(store.getMapNames())) {
                if (IndexedH2Database.isIndexMap(mapName)) {
                    String formerName = mapName.replace("._oindex2_", "._oindex_");
                    store.removeMap(mapName);
                    store.openMap(formerName, formerIndexMap()).put(new byte[] {0x01, 0x28}, "item-0");
                    formerMaps.add(formerName);
                }
            }
        }
        return formerMaps;
    }

    private static org.h2.mvstore.MVMap.Builder<byte[], Object> formerIndexMap() {
        return new org.h2.mvstore.MVMap.Builder<byte[], Object>().keyType(UnsignedBytesType.INSTANCE).valueType(PositionType.INSTANCE);
    }

    private static List<String> mapNames(Path file) {
        try (org.h2.mvstore.MVStore store = new org.h2.mvstore.MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            return new ArrayList<>(store.getMapNames());
        }
    }

    @Test
    void close_is_idempotent() {
        EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(tempDir.resolve("idem.mv")));
        server.close();
        server.close();
    }
}
