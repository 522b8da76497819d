package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;

/**
 * Aggregations that start with {@code $match} run their stages on a stream of the matches, read as the stages consume
 * it, instead of on a list of every match (a count of a million events held them all in memory and ran the heap out);
 * a count of a whole collection reads no document at all.
 */
class StreamingAggregationTest {

    private static final int DOCUMENTS = 3_000;

    @TempDir
    Path tempDir;

    private EmbeddedMongoServer server;
    private MongoClient client;
    private MongoCollection<Document> events;

    @BeforeEach
    void start() {
        server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(tempDir.resolve("aggregation.mv")));
        client = TestClients.connect(server);
        events = client.getDatabase("app").getCollection("events");
        events.createIndex(Indexes.ascending("group", "n"));
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            batch.add(new Document("_id", i).append("group", i % 3).append("n", i).append("payload", "x".repeat(100)));
        }
        events.insertMany(batch);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private long examined() {
        return server.queryMetrics().documentsExamined();
    }

    @Test
    void counting_a_whole_collection_reads_no_document() {
        long before = examined();

        assertThat(events.countDocuments()).isEqualTo(DOCUMENTS);

        assertThat(examined() - before).isZero();
    }

    @Test
    void counting_with_a_filter_reads_only_what_the_index_proposes() {
        long before = examined();

        assertThat(events.countDocuments(Filters.and(Filters.eq("group", 1), Filters.gte("n", 1_500)))).isEqualTo(500);
        assertThat(examined() - before).isEqualTo(500);
        assertThat(events.countDocuments(Filters.eq("group", 2), new CountOptions().skip(10).limit(100))).isEqualTo(100);
        assertThat(events.countDocuments(Filters.empty(), new CountOptions().skip(DOCUMENTS - 7))).isEqualTo(7);
    }

    @Test
    void group_sort_and_limit_after_a_match_give_the_same_answers_as_before() {
        List<Document> sums = events.aggregate(List.of(
                Aggregates.match(Filters.gte("n", 0)),
                Aggregates.group("$group", Accumulators.sum("total", "$n"), Accumulators.sum("count", 1)),
                Aggregates.sort(Sorts.ascending("_id"))))
            .into(new ArrayList<>());
        assertThat(sums).hasSize(3);
        long all = 0;
        for (Document sum : sums) {
            assertThat(sum.get("count", Number.class).intValue()).isEqualTo(DOCUMENTS / 3);
            all += sum.get("total", Number.class).longValue();
        }
        assertThat(all).isEqualTo((long) DOCUMENTS * (DOCUMENTS - 1) / 2);

        List<Integer> lastThree = new ArrayList<>();
        events.aggregate(List.of(Aggregates.match(Filters.eq("group", 0)), Aggregates.sort(Sorts.descending("n")),
                Aggregates.limit(3)))
            .forEach(document -> lastThree.add(document.getInteger("n")));
        assertThat(lastThree).containsExactly(2_997, 2_994, 2_991);
    }
}
