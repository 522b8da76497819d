package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.bson.BsonRegularExpression;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.types.Binary;
import org.bson.types.Code;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.LegacyUUID;

/** Documents stored as BSON bytes: every BSON type survives, large and nested documents, reopening, old files. */
class BsonDocumentStorageTest {

    @TempDir
    Path tempDir;

    // ---- the codec and the key type, without a server --------------------------------------------

    @Test
    void every_bson_type_the_server_knows_survives_encoding_and_decoding() {
        de.bwaldvogel.mongo.bson.Document nested = new de.bwaldvogel.mongo.bson.Document("a", List.of(1, List.of("x", 2L)))
            .append("b", new de.bwaldvogel.mongo.bson.Document("c", new de.bwaldvogel.mongo.bson.Document("d", true)));
        de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document("_id", new de.bwaldvogel.mongo.bson.ObjectId())
            .append("double", 1.5).append("negativeZero", -0.0).append("nan", Double.NaN)
            .append("string", "grüße \u0000-free ✓").append("empty", "")
            .append("document", nested).append("array", List.of(nested, List.of(), 3))
            .append("binary", new BinData(new byte[] {0, 1, (byte) 0xFF})).append("uuid", UUID.randomUUID())
            .append("legacyUuid", new LegacyUUID(UUID.randomUUID()))
            .append("boolean", false).append("date", Instant.ofEpochMilli(1_700_000_000_123L))
            .append("int", Integer.MIN_VALUE).append("long", Long.MAX_VALUE)
            .append("timestamp", new de.bwaldvogel.mongo.bson.BsonTimestamp(42L << 32 | 7))
            .append("decimal", new de.bwaldvogel.mongo.bson.Decimal128(new java.math.BigDecimal("12345.6789")))
            .append("minKey", de.bwaldvogel.mongo.bson.MinKey.getInstance())
            .append("maxKey", de.bwaldvogel.mongo.bson.MaxKey.getInstance())
            .append("null", null).append("javascript", new BsonJavaScript("function() { return 1; }"));

        de.bwaldvogel.mongo.bson.Document decoded = DocumentCodec.decode(DocumentCodec.encode(document));

        assertThat(decoded).isEqualTo(document);
        assertThat(new ArrayList<>(decoded.keySet())).isEqualTo(new ArrayList<>(document.keySet()));
        de.bwaldvogel.mongo.bson.Document regex = new de.bwaldvogel.mongo.bson.Document("r",
            new de.bwaldvogel.mongo.bson.BsonRegularExpression("^a.*b$", "im"));
        assertThat(DocumentCodec.encode(DocumentCodec.decode(DocumentCodec.encode(regex))))
            .isEqualTo(DocumentCodec.encode(regex));
    }

    @Test
    void positions_survive_the_key_type_and_sort_as_the_server_compares_them() {
        Random random = new Random(9);
        List<Object> positions = new ArrayList<>(List.of(new de.bwaldvogel.mongo.bson.ObjectId(), "abc", "", "ünï",
            0, -1, Integer.MAX_VALUE, 5L, Long.MIN_VALUE, 2.5, UUID.randomUUID(), new BinData(new byte[] {3}),
            Instant.ofEpochMilli(5), true, new de.bwaldvogel.mongo.bson.Document("k", 1), Missing.getInstance()));
        for (int i = 0; i < 200; i++) {
            positions.add(random.nextBoolean() ? (Object) random.nextLong() : new de.bwaldvogel.mongo.bson.ObjectId());
        }
        for (Object position : positions) {
            WriteBuffer buffer = new WriteBuffer();
            PositionType.INSTANCE.write(buffer, position);
            ByteBuffer written = buffer.getBuffer();
            written.flip();
            Object read = PositionType.INSTANCE.read(written);
            assertThat(read).as("%s", position).isEqualTo(position);
            assertThat(written.remaining()).isZero();
        }
        for (Object a : positions) {
            for (Object b : positions) {
                if (!(a instanceof Missing) && !(b instanceof Missing)) {
                    assertThat(Integer.signum(PositionType.INSTANCE.compare(a, b)))
                        .isEqualTo(Integer.signum(ValueComparator.asc().compare(a, b)));
                }
            }
            assertThat(PositionType.INSTANCE.compare(Missing.getInstance(), a)).isLessThanOrEqualTo(0);
        }
    }

    // ---- through a client, in a file ----------------------------------------------------------

    @Test
    void documents_of_every_type_read_back_equal_before_and_after_reopening_the_file() {
        Path file = tempDir.resolve("types.mv");
        List<Document> inserted = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            inserted.add(everyType(i));
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file));
             MongoClient client = clientWithStandardUuids(server)) {
            MongoCollection<Document> items = client.getDatabase("app").getCollection("items");
            items.insertMany(inserted);
            assertThat(items.find().sort(Sorts.ascending("_id")).into(new ArrayList<>())).isEqualTo(inserted);
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file));
             MongoClient client = clientWithStandardUuids(server)) {
            MongoCollection<Document> items = client.getDatabase("app").getCollection("items");
            assertThat(items.find().sort(Sorts.ascending("_id")).into(new ArrayList<>())).isEqualTo(inserted);
            assertThat(items.find(Filters.eq("_id", 7)).first()).isEqualTo(inserted.get(7));
        }
        assertThat(formatOf(file, "app.items")).isEqualTo(DocumentFormat.BSON);
    }

    @Test
    void a_large_document_with_deeply_nested_arrays_and_objects_is_stored_and_updated() {
        Path file = tempDir.resolve("large.mv");
        Object nested = "leaf";
        for (int depth = 0; depth < 50; depth++) {
            nested = depth % 2 == 0 ? List.of(nested, depth) : new Document("level", depth).append("inner", nested);
        }
        List<Document> rows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            rows.add(new Document("i", i).append("tags", List.of("t" + i % 7, "u")));
        }
        Document large = new Document("_id", "large").append("nested", nested).append("rows", rows)
            .append("text", "x".repeat(4 * 1024 * 1024));
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file));
             MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> items = client.getDatabase("app").getCollection("items");
            items.insertOne(large);
            items.updateOne(Filters.eq("_id", "large"), new Document("$set", new Document("text", "short")));
            large.put("text", "short");
            assertThat(items.find(Filters.eq("_id", "large")).first()).isEqualTo(large);
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file));
             MongoClient client = TestClients.connect(server)) {
            assertThat(client.getDatabase("app").getCollection("items").find(Filters.eq("_id", "large")).first())
                .isEqualTo(large);
        }
    }

    @Test
    void a_file_of_mongo_java_servers_own_backend_opens_keeps_its_format_and_is_converted_by_a_full_rewrite() {
        Path file = tempDir.resolve("legacy.mv");
        MongoServer legacy = new MongoServer(new de.bwaldvogel.mongo.backend.h2.H2Backend(file.toString()));
        List<Document> inserted = new ArrayList<>();
        try (MongoClient client = TestClients.connect(legacy.bindAndGetConnectionString())) {
            MongoCollection<Document> items = client.getDatabase("app").getCollection("items");
            for (int i = 0; i < 200; i++) {
                Document document = new Document("_id", new ObjectId()).append("n", i).append("nested", List.of(new Document("i", i)));
                items.insertOne(document);
                inserted.add(document);
            }
        } finally {
            legacy.shutdownNow();
        }
        assertThat(formatOf(file, "app.items")).isEqualTo(DocumentFormat.JAVA_SERIALIZED);

        Document added = new Document("_id", new ObjectId()).append("n", 200).append("nested", List.of());
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file));
             MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> items = client.getDatabase("app").getCollection("items");
            assertThat(items.find().sort(Sorts.ascending("n")).into(new ArrayList<>())).isEqualTo(inserted);
            items.insertOne(added);
            client.getDatabase("app").getCollection("fresh").insertOne(new Document("_id", 1));
        }
        inserted.add(added);
        assertThat(formatOf(file, "app.items")).isEqualTo(DocumentFormat.JAVA_SERIALIZED);
        assertThat(formatOf(file, "app.fresh")).isEqualTo(DocumentFormat.BSON);

        StoreRewriter.rewrite(file);

        assertThat(formatOf(file, "app.items")).isEqualTo(DocumentFormat.BSON);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file));
             MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> items = client.getDatabase("app").getCollection("items");
            assertThat(items.find().sort(Sorts.ascending("n")).into(new ArrayList<>())).isEqualTo(inserted);
            assertThat(items.find(Filters.eq("n", 42)).first()).isEqualTo(inserted.get(42));
            assertThat(client.getDatabase("app").getCollection("fresh").countDocuments()).isEqualTo(1);
        }
    }

    private static Document everyType(int i) {
        return new Document("_id", i)
            .append("double", i + 0.25).append("string", "s" + i).append("document", new Document("k", i).append("l", List.of(i, "x")))
            .append("array", List.of(List.of(i), new Document("deep", List.of(new Document("deeper", i)))))
            .append("binary", new Binary(new byte[] {(byte) i, 2})).append("uuid", new UUID(i, i + 1L))
            .append("objectId", new ObjectId()).append("boolean", i % 2 == 0)
            .append("date", new java.util.Date(1_700_000_000_000L + i)).append("regex", new BsonRegularExpression("^" + i, "i"))
            .append("int", i).append("long", (long) i << 40).append("timestamp", new BsonTimestamp(i, 1))
            .append("decimal", Decimal128.parse(i + ".10")).append("minKey", new MinKey()).append("maxKey", new MaxKey())
            .append("null", null).append("code", new Code("return " + i));
    }

    private static MongoClient clientWithStandardUuids(EmbeddedMongoServer server) {
        return MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(server.connectionString()))
            .uuidRepresentation(UuidRepresentation.STANDARD)
            .build());
    }

    private static DocumentFormat formatOf(Path file, String namespace) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            return DocumentFormat.recordedIn(store.openMap(IndexedH2Database.META_MAP_PREFIX + namespace));
        } finally {
            store.close();
        }
    }
}
