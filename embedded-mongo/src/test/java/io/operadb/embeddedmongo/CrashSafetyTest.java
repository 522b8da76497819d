package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

/**
 * Kills a writing server with SIGKILL while it inserts, updates and deletes with {@code j: true} and checkpoints every
 * 200 ms, and checks that every acknowledged write survived: in the documents and in their indexes.
 */
class CrashSafetyTest {

    private static final int WRITER_THREADS = 6;
    /** Enough to span several checkpoints, so the kill can land before, during or after one. */
    private static final int ACKS_BEFORE_KILL = 3_000;

    @TempDir
    Path tempDir;

    private final Set<String> inserted = new HashSet<>();
    private final Set<String> deleted = new HashSet<>();
    private final Map<Integer, Long> tallies = new HashMap<>();

    @Test
    void every_acknowledged_journaled_write_survives_a_kill_minus_9() throws Exception {
        Path file = tempDir.resolve("crash.mv");
        runWriterAndKillIt(file);
        assertThat(inserted).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
        assertThat(deleted).isNotEmpty();

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file));
             MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> events = client.getDatabase("crash").getCollection("events");
            Set<String> stored = new HashSet<>();
            for (Document document : events.find().projection(new Document("_id", 1))) {
                stored.add(document.getString("_id"));
            }
            Set<String> kept = new HashSet<>(inserted);
            kept.removeAll(deleted);
            kept.removeAll(deletesPerhapsInFlight());
            assertThat(stored).containsAll(kept).doesNotContainAnyElementsOf(deleted);
            // the indexes must agree with the data after recovery: find every stored id through them
            Set<String> foundThroughIndex = new HashSet<>();
            long scansBefore = server.queryMetrics().collectionScans();
            for (int writer = 0; writer < WRITER_THREADS; writer++) {
                events.find(Filters.and(Filters.eq("writer", writer), Filters.gte("seq", 0L)))
                    .forEach(document -> foundThroughIndex.add(document.getString("_id")));
            }
            assertThat(server.queryMetrics().collectionScans()).isEqualTo(scansBefore);
            assertThat(foundThroughIndex).isEqualTo(stored);
            for (Map.Entry<Integer, Long> tally : tallies.entrySet()) {
                Document stored1 = client.getDatabase("crash").getCollection("tallies")
                    .find(Filters.eq("_id", tally.getKey())).first();
                assertThat(stored1).as("tally of writer %d", tally.getKey()).isNotNull();
                assertThat(stored1.getLong("n")).as("tally of writer %d", tally.getKey()).isGreaterThanOrEqualTo(tally.getValue());
            }
        }
    }

    /**
     * The documents a writer may have deleted after its last acknowledged insert, without the acknowledgement of that
     * delete reaching this test before the kill: such a delete happened, so its document may be gone.
     */
    private Set<String> deletesPerhapsInFlight() {
        Set<String> perhaps = new HashSet<>();
        Map<Integer, Long> lastInsert = new HashMap<>();
        for (String id : inserted) {
            int dash = id.indexOf('-');
            lastInsert.merge(Integer.parseInt(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)), Math::max);
        }
        lastInsert.forEach((writer, seq) -> {
            if (seq % 10 == 9) {
                perhaps.add(writer + "-" + (seq - 5));
            }
        });
        return perhaps;
    }

    private void runWriterAndKillIt(Path file) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
            CrashingWriter.class.getName(), file.toString(), String.valueOf(WRITER_THREADS))
            .redirectError(ProcessBuilder.Redirect.appendTo(new File(tempDir.toFile(), "child.err")));
        Process child = builder.start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(CrashingWriter.ACK)) {
                    inserted.add(line.substring(CrashingWriter.ACK.length()));
                } else if (line.startsWith(CrashingWriter.DELETED)) {
                    deleted.add(line.substring(CrashingWriter.DELETED.length()));
                } else if (line.startsWith(CrashingWriter.TALLY)) {
                    String[] parts = line.substring(CrashingWriter.TALLY.length()).split(" ");
                    tallies.merge(Integer.parseInt(parts[0]), Long.parseLong(parts[1]), Math::max);
                }
                if (inserted.size() >= ACKS_BEFORE_KILL) {
                    // SIGKILL in the middle of the load; the writers keep going until it lands. Every write read so
                    // far was acknowledged, so it must survive (lines printed later are not checked).
                    child.destroyForcibly();
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(List.of(137, 9)).as("killed by SIGKILL").contains(child.exitValue());
    }
}
