package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

/** The hot queries of an event store and of read models, answered through ordered indexes. */
class OrderedIndexQueryTest {

    @TempDir
    Path tempDir;

    private EmbeddedMongoServer server;
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void start() {
        server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(tempDir.resolve("indexes.mv")));
        client = TestClients.connect(server);
        database = client.getDatabase("app");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private QueryMetrics metrics() {
        return server.queryMetrics();
    }

    @Test
    void events_of_one_aggregate_from_a_sequence_number_come_from_the_unique_compound_index_in_order() {
        MongoCollection<Document> events = database.getCollection("domainevents");
        events.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"), new IndexOptions().unique(true));
        List<Document> batch = new ArrayList<>();
        for (int aggregate = 0; aggregate < 50; aggregate++) {
            for (long sequence = 0; sequence < 40; sequence++) {
                batch.add(new Document("aggregateIdentifier", "agg-" + aggregate).append("sequenceNumber", sequence)
                    .append("timestamp", String.format("2024-01-01T00:%02d:%02dZ", sequence, aggregate)));
            }
        }
        events.insertMany(batch);
        long scansBefore = metrics().collectionScans();
        long examinedBefore = metrics().documentsExamined();

        List<Long> sequences = new ArrayList<>();
        events.find(Filters.and(Filters.eq("aggregateIdentifier", "agg-17"), Filters.gte("sequenceNumber", 30L)))
            .sort(Sorts.ascending("sequenceNumber"))
            .forEach(event -> sequences.add(event.getLong("sequenceNumber")));

        assertThat(sequences).containsExactly(30L, 31L, 32L, 33L, 34L, 35L, 36L, 37L, 38L, 39L);
        assertThat(metrics().collectionScans()).isEqualTo(scansBefore);
        assertThat(metrics().documentsExamined() - examinedBefore).isEqualTo(10);
        assertThat(metrics().indexQueriesByIndex()).containsKey("app.domainevents/aggregateIdentifier_1_sequenceNumber_1");

        List<Long> descending = new ArrayList<>();
        events.find(Filters.eq("aggregateIdentifier", "agg-3")).sort(Sorts.descending("sequenceNumber")).limit(3)
            .forEach(event -> descending.add(event.getLong("sequenceNumber")));
        assertThat(descending).containsExactly(39L, 38L, 37L);
        assertThat(metrics().collectionScans()).isEqualTo(scansBefore);
    }

    @Test
    void a_time_range_sorted_by_time_and_sequence_stops_reading_at_the_limit() {
        MongoCollection<Document> events = database.getCollection("domainevents");
        events.createIndex(Indexes.ascending("timestamp", "sequenceNumber"));
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            batch.add(new Document("timestamp", String.format("2024-01-01T00:00:%05d", i / 3)).append("sequenceNumber", (long) (i % 3)));
        }
        events.insertMany(batch);
        long examinedBefore = metrics().documentsExamined();
        long scansBefore = metrics().collectionScans();

        List<Document> page = events.find(Filters.gte("timestamp", "2024-01-01T00:00:00500"))
            .sort(Sorts.ascending("timestamp", "sequenceNumber")).limit(7).into(new ArrayList<>());

        assertThat(page).extracting(d -> d.getString("timestamp") + "/" + d.getLong("sequenceNumber")).containsExactly(
            "2024-01-01T00:00:00500/0", "2024-01-01T00:00:00500/1", "2024-01-01T00:00:00500/2",
            "2024-01-01T00:00:00501/0", "2024-01-01T00:00:00501/1", "2024-01-01T00:00:00501/2",
            "2024-01-01T00:00:00502/0");
        assertThat(metrics().collectionScans()).isEqualTo(scansBefore);
        assertThat(metrics().documentsExamined() - examinedBefore).isLessThanOrEqualTo(8);
    }

    @Test
    void a_read_model_query_narrows_by_the_compound_prefix_then_sorts_the_few_candidates() {
        MongoCollection<Document> models = database.getCollection("readmodels");
        models.createIndex(Indexes.ascending("account", "schema"));
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            batch.add(new Document("account", "acc-" + (i % 10)).append("schema", "s-" + (i % 7))
                .append("state", new Document("owner", "o-" + (i % 3)).append("rank", i)));
        }
        models.insertMany(batch);
        long examinedBefore = metrics().documentsExamined();
        long scansBefore = metrics().collectionScans();

        List<Document> page = models.find(Filters.and(Filters.eq("account", "acc-4"), Filters.eq("schema", "s-2"),
                Filters.eq("state.owner", "o-1")))
            .sort(Sorts.descending("state.rank")).limit(5).into(new ArrayList<>());

        assertThat(page).hasSize(5);
        assertThat(page).extracting(d -> d.get("state", Document.class).getInteger("rank")).isSortedAccordingTo((a, b) -> b - a);
        assertThat(page).allSatisfy(d -> {
            assertThat(d.getString("account")).isEqualTo("acc-4");
            assertThat(d.getString("schema")).isEqualTo("s-2");
            assertThat(d.get("state", Document.class).getString("owner")).isEqualTo("o-1");
        });
        assertThat(metrics().collectionScans()).isEqualTo(scansBefore);
        assertThat(metrics().documentsExamined() - examinedBefore).isLessThanOrEqualTo(3_000 / 70 + 1);
    }

    @Test
    void in_on_id_and_on_an_indexed_field_reads_only_the_listed_values() {
        MongoCollection<Document> items = database.getCollection("items");
        items.createIndex(Indexes.ascending("x"));
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            batch.add(new Document("_id", "id-" + i).append("x", i % 100));
        }
        items.insertMany(batch);
        long examinedBefore = metrics().documentsExamined();
        long scansBefore = metrics().collectionScans();

        assertThat(items.find(Filters.in("_id", "id-1", "id-500", "id-999", "nope")).into(new ArrayList<>()))
            .extracting(d -> d.getString("_id")).containsExactlyInAnyOrder("id-1", "id-500", "id-999");
        assertThat(items.countDocuments(Filters.in("x", 3, 4L, 5.0))).isEqualTo(30);

        assertThat(metrics().collectionScans()).isEqualTo(scansBefore);
        assertThat(metrics().documentsExamined() - examinedBefore).isEqualTo(3 + 30);
    }

    @Test
    void numbers_of_every_type_compare_by_value_and_types_in_mongodb_order() {
        MongoCollection<Document> values = database.getCollection("values");
        values.createIndex(Indexes.ascending("v"));
        Object[] ascending = {null, -1.5, 0, new Decimal128(new java.math.BigDecimal("0.5")), 1L, 1.25, 2,
            9_007_199_254_740_993L, 1e300, "", "a", "b", "é", "\uD83D\uDE00", "\uFFFD", new org.bson.types.ObjectId(),
            false, true, java.util.Date.from(Instant.parse("2020-01-01T00:00:00Z"))};
        for (int i = ascending.length - 1; i >= 0; i--) {
            values.insertOne(new Document("_id", i).append("v", ascending[i]));
        }
        long scansBefore = metrics().collectionScans();

        List<Integer> order = new ArrayList<>();
        values.find().sort(Sorts.ascending("v")).forEach(d -> order.add(d.getInteger("_id")));
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < ascending.length; i++) {
            expected.add(i);
        }
        assertThat(order).isEqualTo(expected);

        List<Integer> numbersAbove = new ArrayList<>();
        values.find(Filters.gt("v", 1)).sort(Sorts.descending("v")).forEach(d -> numbersAbove.add(d.getInteger("_id")));
        assertThat(numbersAbove).containsExactly(8, 7, 6, 5);
        assertThat(metrics().collectionScans()).isEqualTo(scansBefore);
    }

    @Test
    void values_the_index_cannot_order_exactly_are_still_sorted_correctly() {
        MongoCollection<Document> values = database.getCollection("values");
        values.createIndex(Indexes.ascending("v"));
        values.insertOne(new Document("_id", 3).append("v", new Document("k", 3)));
        values.insertOne(new Document("_id", 1).append("v", new Document("k", 1)));
        values.insertOne(new Document("_id", 2).append("v", new Document("k", 2)));
        values.insertOne(new Document("_id", 0).append("v", "text"));
        List<Integer> order = new ArrayList<>();
        values.find().sort(Sorts.ascending("v")).forEach(d -> order.add(d.getInteger("_id")));
        assertThat(order).containsExactly(0, 1, 2, 3);
        assertThat(values.find(Filters.eq("v", new Document("k", 2))).first().getInteger("_id")).isEqualTo(2);
    }

    @Test
    void an_index_created_on_existing_documents_is_built_and_kept_up_to_date() {
        MongoCollection<Document> items = database.getCollection("items");
        for (int i = 0; i < 200; i++) {
            items.insertOne(new Document("_id", i).append("group", i % 10).append("tags", List.of("t" + (i % 4), "all")));
        }
        items.createIndex(Indexes.ascending("group"));
        items.createIndex(Indexes.ascending("tags"));
        items.updateMany(Filters.eq("group", 3), Updates.set("group", 30));
        items.deleteMany(Filters.eq("group", 4));
        items.updateOne(Filters.eq("_id", 1), Updates.set("tags", List.of("t9")));
        long scansBefore = metrics().collectionScans();

        assertThat(items.countDocuments(Filters.eq("group", 3))).isZero();
        assertThat(items.countDocuments(Filters.eq("group", 30))).isEqualTo(20);
        assertThat(items.countDocuments(Filters.eq("group", 4))).isZero();
        assertThat(items.countDocuments(Filters.eq("tags", "all"))).isEqualTo(179);
        assertThat(items.countDocuments(Filters.in("tags", "t1", "t9"))).isEqualTo(50);
        assertThat(metrics().collectionScans()).isEqualTo(scansBefore);
    }

    @Test
    void a_descending_and_a_sparse_index_answer_ranges_correctly() {
        MongoCollection<Document> items = database.getCollection("items");
        items.createIndex(Indexes.descending("score"));
        items.createIndex(Indexes.ascending("optional"), new IndexOptions().sparse(true));
        for (int i = 0; i < 100; i++) {
            Document item = new Document("_id", i).append("score", i);
            if (i % 2 == 0) {
                item.append("optional", i);
            }
            items.insertOne(item);
        }
        long scansBefore = metrics().collectionScans();
        List<Integer> scores = new ArrayList<>();
        items.find(Filters.and(Filters.gte("score", 10), Filters.lt("score", 15))).sort(Sorts.ascending("score"))
            .forEach(d -> scores.add(d.getInteger("score")));
        assertThat(scores).containsExactly(10, 11, 12, 13, 14);
        assertThat(items.countDocuments(Filters.gt("optional", 90))).isEqualTo(4);
        assertThat(metrics().collectionScans()).isEqualTo(scansBefore);

        // null must find the documents without the field, which a sparse index does not hold
        assertThat(items.countDocuments(Filters.eq("optional", null))).isEqualTo(50);
        assertThat(metrics().collectionScans()).isEqualTo(scansBefore + 1);
    }

    @Test
    void indexes_and_their_use_survive_a_restart() {
        MongoCollection<Document> items = database.getCollection("items");
        items.createIndex(Indexes.ascending("k", "n"), new IndexOptions().unique(true));
        for (int i = 0; i < 500; i++) {
            items.insertOne(new Document("k", "key-" + (i % 5)).append("n", i));
        }
        stop();
        start();
        items = database.getCollection("items");
        assertThat(items.listIndexes().into(new ArrayList<>())).extracting(d -> d.getString("name"))
            .containsExactlyInAnyOrder("_id_", "k_1_n_1");

        long examinedBefore = metrics().documentsExamined();
        List<Integer> found = new ArrayList<>();
        items.find(Filters.and(Filters.eq("k", "key-2"), Filters.lt("n", 30))).sort(Sorts.ascending("n"))
            .forEach(d -> found.add(d.getInteger("n")));
        assertThat(found).containsExactly(2, 7, 12, 17, 22, 27);
        assertThat(metrics().collectionScans()).isZero();
        assertThat(metrics().documentsExamined() - examinedBefore).isEqualTo(6);
        assertThat(metrics().indexQueriesByIndex()).containsKey("app.items/k_1_n_1");

        MongoCollection<Document> reopened = items;
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
            () -> reopened.insertOne(new Document("k", "key-2").append("n", 7))))
            .isInstanceOf(com.mongodb.MongoWriteException.class);
    }

    @Test
    void a_debug_line_names_the_index_a_query_used_or_says_collection_scan() {
        ch.qos.logback.classic.Logger logger =
            (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(IndexedH2Collection.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
            new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        ch.qos.logback.classic.Level level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try {
            MongoCollection<Document> items = database.getCollection("items");
            items.createIndex(Indexes.ascending("k"));
            items.insertOne(new Document("k", 1).append("other", 2));
            items.find(Filters.eq("k", 1)).first();
            items.find(Filters.eq("other", 2)).first();
        } finally {
            logger.setLevel(level);
            logger.detachAppender(lines);
        }
        assertThat(lines.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
            .anySatisfy(line -> assertThat(line).contains("app.items").contains("index 'k_1'"))
            .anySatisfy(line -> assertThat(line).contains("app.items").contains("collection scan"));
    }

    @Test
    void a_failed_unique_build_leaves_no_index_and_dropping_an_index_stops_its_use() {
        MongoCollection<Document> items = database.getCollection("items");
        items.insertOne(new Document("u", 1));
        items.insertOne(new Document("u", 1));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
            () -> items.createIndex(Indexes.ascending("u"), new IndexOptions().unique(true)))).isNotNull();
        items.createIndex(Indexes.ascending("u"));
        assertThat(items.countDocuments(Filters.eq("u", 1))).isEqualTo(2);
        items.dropIndex("u_1");
        long scansBefore = metrics().collectionScans();
        assertThat(items.countDocuments(Filters.eq("u", 1))).isEqualTo(2);
        assertThat(metrics().collectionScans()).isEqualTo(scansBefore + 1);
    }
}
