package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoCursorNotFoundException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;

/**
 * A find without a limit but with a batch size reads its documents as the client asks for them, as MongoDB's
 * cursors do: a client that takes one batch and closes the cursor (axon-mongo's tracking fetch does exactly
 * this) costs one batch, however many documents match.
 */
class LazyCursorTest {

    private static final int DOCUMENTS = 5_000;

    @TempDir
    Path tempDir;

    private EmbeddedMongoServer server;
    private MongoClient client;
    private MongoCollection<Document> events;

    @BeforeEach
    void start() {
        server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(tempDir.resolve("lazy.mv")));
        client = TestClients.connect(server);
        events = client.getDatabase("app").getCollection("events");
        events.createIndex(Indexes.ascending("timestamp", "sequenceNumber"));
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            batch.add(new Document("_id", i).append("timestamp", String.format("2026-01-01T00:00:%05d", i))
                .append("sequenceNumber", (long) i).append("kind", i % 2 == 0 ? "even" : "odd"));
        }
        events.insertMany(batch);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void a_tracking_fetch_that_closes_after_one_batch_reads_about_one_batch() {
        long examinedBefore = server.queryMetrics().documentsExamined();

        List<Integer> ids = new ArrayList<>();
        try (MongoCursor<Document> cursor = events.find(Filters.gte("timestamp", "2026-01-01T00:00:00100"))
                .sort(Sorts.ascending("timestamp", "sequenceNumber")).batchSize(100).iterator()) {
            while (ids.size() < 100 && cursor.hasNext()) {
                ids.add(cursor.next().getInteger("_id"));
            }
        }

        assertThat(ids).hasSize(100).first().isEqualTo(100);
        assertThat(ids).last().isEqualTo(199);
        // the first batch and the look-ahead that tells whether more follow, not the 4,900 matching documents
        assertThat(server.queryMetrics().documentsExamined() - examinedBefore).isLessThanOrEqualTo(101);
    }

    @Test
    void reading_the_cursor_to_its_end_yields_every_match_in_order_filtered_and_projected() {
        List<Document> all = new ArrayList<>();
        events.find(Filters.and(Filters.gte("timestamp", "2026-01-01T00:00:01000"), Filters.eq("kind", "odd")))
            .sort(Sorts.ascending("timestamp", "sequenceNumber"))
            .projection(Projections.include("sequenceNumber"))
            .batchSize(64)
            .into(all);

        assertThat(all).hasSize((DOCUMENTS - 1_000) / 2);
        for (int i = 0; i < all.size(); i++) {
            Document document = all.get(i);
            assertThat(document.getInteger("_id")).isEqualTo(1_001 + 2 * i);
            assertThat(document.keySet()).containsExactlyInAnyOrder("_id", "sequenceNumber");
        }
    }

    @Test
    void skip_and_limit_apply_across_batches() {
        List<Integer> ids = new ArrayList<>();
        events.find(Filters.gte("timestamp", "2026-01-01T00:00:00000")).sort(Sorts.ascending("timestamp", "sequenceNumber"))
            .skip(10).limit(250).batchSize(100)
            .forEach(document -> ids.add(document.getInteger("_id")));

        assertThat(ids).hasSize(250);
        assertThat(ids.get(0)).isEqualTo(10);
        assertThat(ids.get(249)).isEqualTo(259);
    }

    @Test
    void a_collection_scan_with_a_batch_size_is_read_lazily_too() {
        long examinedBefore = server.queryMetrics().documentsExamined();

        try (MongoCursor<Document> cursor = events.find(Filters.eq("kind", "even")).batchSize(50).iterator()) {
            for (int i = 0; i < 50; i++) {
                cursor.next();
            }
        }

        assertThat(server.queryMetrics().documentsExamined() - examinedBefore).isLessThanOrEqualTo(102);
        assertThat(events.countDocuments(Filters.eq("kind", "even"))).isEqualTo(DOCUMENTS / 2);
    }

    @Test
    void a_cursor_left_unused_is_closed_after_the_idle_timeout_and_closed_cursors_are_forgotten() {
        MongoCursor<Document> abandoned = events.find(Filters.gte("timestamp", "2026-01-01T00:00:00000"))
            .sort(Sorts.ascending("timestamp", "sequenceNumber")).batchSize(10).iterator();
        for (int i = 0; i < 10; i++) {
            abandoned.next();
        }
        try (MongoCursor<Document> closed = events.find(Filters.eq("kind", "odd")).batchSize(10).iterator()) {
            closed.next();
        }
        assertThat(server.openCursors()).isEqualTo(1);

        assertThat(server.closeCursorsIdleFor(Duration.ZERO)).isEqualTo(1);

        assertThat(server.openCursors()).isZero();
        assertThatThrownBy(abandoned::next).isInstanceOf(MongoCursorNotFoundException.class);
    }

    @Test
    void documents_deleted_while_a_cursor_is_open_are_not_returned_and_changed_ones_are_matched_again() {
        try (MongoCursor<Document> cursor = events.find(Filters.eq("kind", "even"))
                .sort(Sorts.ascending("timestamp", "sequenceNumber")).batchSize(10).iterator()) {
            assertThat(cursor.next().getInteger("_id")).isZero();
            events.deleteOne(Filters.eq("_id", 100));
            events.updateOne(Filters.eq("_id", 102), new Document("$set", new Document("kind", "changed")));

            List<Integer> rest = new ArrayList<>();
            cursor.forEachRemaining(document -> rest.add(document.getInteger("_id")));

            assertThat(rest).doesNotContain(100, 102).contains(98, 104);
            assertThat(rest).hasSize(DOCUMENTS / 2 - 3);
        }
    }
}
