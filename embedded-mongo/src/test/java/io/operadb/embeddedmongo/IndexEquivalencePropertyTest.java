package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

/**
 * Whatever the data and the query, a collection with ordered indexes answers exactly as the same
 * collection without them (which mongo-java-server answers by scanning), also after random updates
 * and deletes. Both collections receive the same writes; their answers are compared as sets of ids
 * and, where a sort is requested, as sequences of sort keys (documents with equal sort keys may come
 * in any order, also at the edge of a limit). The indexes keep their entries in segments of seven, so that the
 * answers also show that walks merging several segments miss and repeat nothing. 60 seeded tries, each a seed for the data, queries and writes
 * and a number of documents from 5 to 120; a failure names its seed and number of documents.
 */
class IndexEquivalencePropertyTest {

    private static final long SEED = 20241125L;
    private static final int TRIES = 60;

    private static EmbeddedMongoServer server;
    private static MongoClient client;

    @BeforeAll
    static void start() {
        // segments of seven entries, so that most answers merge several (IndexSegments)
        server = EmbeddedMongoServer.start(EmbeddedMongoSettings.inMemory().withIndexSegmentEntries(7));
        client = TestClients.connect(server);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    static Stream<Arguments> tries() {
        return Gen.tries(SEED, TRIES, Gen.longs(), Gen.ints(5, 120)).stream()
            .map(t -> Arguments.of(t.number(), t.first(), t.second()));
    }

    @ParameterizedTest(name = "try {0}: seed {1}, {2} documents")
    @MethodSource("tries")
    void indexed_answers_equal_scanned_answers(int tryNumber, long seed, int documents) {
        try {
            indexedAnswersEqualScannedAnswers(seed, documents);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("try " + tryNumber + " of " + TRIES + " (tries seeded with " + SEED + "): seed "
                + seed + ", " + documents + " documents: " + e.getMessage(), e);
        }
    }

    private static void indexedAnswersEqualScannedAnswers(long seed, int documents) {
        Random random = new Random(seed);
        MongoDatabase database = client.getDatabase("equivalence");
        database.drop();
        MongoCollection<Document> indexed = database.getCollection("indexed");
        MongoCollection<Document> plain = database.getCollection("plain");
        indexed.createIndex(Indexes.ascending("a"));
        indexed.createIndex(Indexes.compoundIndex(Indexes.ascending("a"), Indexes.descending("b")));
        indexed.createIndex(Indexes.ascending("b", "s"));
        indexed.createIndex(Indexes.ascending("c"));
        indexed.createIndex(Indexes.ascending("d.e"));
        indexed.createIndex(Indexes.descending("s"), new IndexOptions().sparse(true));
        plain.insertOne(new Document("_id", -1)); // create it, then remove the marker
        plain.deleteOne(new Document("_id", -1));

        List<Document> initial = new ArrayList<>();
        for (int id = 0; id < documents; id++) {
            initial.add(RandomDocuments.document(random, id));
        }
        insertIntoBoth(indexed, plain, initial, random);
        long indexQueriesBefore = server.queryMetrics().indexQueries();

        for (int round = 0; round < 3; round++) {
            for (int q = 0; q < 12; q++) {
                assertSameAnswers(indexed, plain, RandomQueries.query(random));
            }
            for (int w = 0; w < 6; w++) {
                RandomWrites.applyToBoth(random, indexed, plain, documents);
            }
        }
        assertThat(server.queryMetrics().indexQueries()).isGreaterThan(indexQueriesBefore);
    }

    private static void insertIntoBoth(MongoCollection<Document> indexed, MongoCollection<Document> plain,
                                       List<Document> documents, Random random) {
        if (random.nextBoolean()) {
            indexed.insertMany(documents);
        } else {
            documents.forEach(indexed::insertOne);
        }
        plain.insertMany(documents);
    }

    private static void assertSameAnswers(MongoCollection<Document> indexed, MongoCollection<Document> plain,
                                          RandomQueries.Query query) {
        List<Document> expected = run(plain, query);
        List<Document> actual = run(indexed, query);
        String description = query.toString();
        if (query.sort() != null) {
            assertThat(sortKeys(actual, query.sort())).as(description).isEqualTo(sortKeys(expected, query.sort()));
        }
        if (query.sort() != null || query.limit() == 0) {
            if (query.limit() == 0) {
                assertThat(ids(actual)).as(description).isEqualTo(ids(expected));
            }
        }
        assertThat(actual).as(description).hasSameSizeAs(expected);
        assertThat(indexed.countDocuments(query.filter())).as("count " + description)
            .isEqualTo(plain.countDocuments(query.filter()));
    }

    private static List<Document> run(MongoCollection<Document> collection, RandomQueries.Query query) {
        FindIterable<Document> find = collection.find(query.filter());
        if (query.sort() != null) {
            find = find.sort(query.sort());
        }
        if (query.limit() > 0) {
            find = find.limit(query.limit());
        }
        return find.into(new ArrayList<>());
    }

    private static Set<Object> ids(List<Document> documents) {
        Set<Object> ids = new HashSet<>();
        documents.forEach(d -> ids.add(d.get("_id")));
        return ids;
    }

    /** The sort fields of each document, with numbers of any type and null/missing made comparable. */
    private static List<List<String>> sortKeys(List<Document> documents, Bson sort) {
        Document sortDocument = sort.toBsonDocument().entrySet().stream()
            .collect(Document::new, (d, e) -> d.put(e.getKey(), e.getValue()), Document::putAll);
        List<List<String>> keys = new ArrayList<>();
        for (Document document : documents) {
            List<String> key = new ArrayList<>();
            for (String path : sortDocument.keySet()) {
                key.add(canonical(value(document, path)));
            }
            keys.add(key);
        }
        return keys;
    }

    private static Object value(Document document, String path) {
        Object current = document;
        for (String part : path.split("\\.")) {
            current = current instanceof Document d ? d.get(part) : null;
        }
        return current;
    }

    private static String canonical(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Decimal128 decimal) {
            return "number " + decimal.bigDecimalValue().stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number number) {
            return "number " + new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        return value.getClass().getSimpleName() + " " + value;
    }
}
