package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

/** Kills a writing server with SIGKILL and checks that every acknowledged journaled write survived. */
class CrashSafetyTest {

    private static final int WRITER_THREADS = 6;
    private static final int ACKS_BEFORE_KILL = 400;

    @TempDir
    Path tempDir;

    @Test
    void every_acknowledged_journaled_insert_survives_a_kill_minus_9() throws Exception {
        Path file = tempDir.resolve("crash.mv");
        Set<String> acknowledged = runWriterAndKillIt(file);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.file(file));
             MongoClient client = TestClients.connect(server)) {
            MongoCollection<Document> events = client.getDatabase("crash").getCollection("events");
            Set<String> stored = new HashSet<>();
            for (Document document : events.find().projection(new Document("_id", 1))) {
                stored.add(document.getString("_id"));
            }
            assertThat(stored).containsAll(acknowledged);
            // the indexes must agree with the data after recovery: find every acknowledged id through them
            for (String id : acknowledged.stream().limit(50).toList()) {
                assertThat(events.find(Filters.eq("_id", id)).first()).as(id).isNotNull();
            }
            Set<String> foundThroughIndex = new HashSet<>();
            long scansBefore = server.queryMetrics().collectionScans();
            for (int writer = 0; writer < WRITER_THREADS; writer++) {
                events.find(Filters.and(Filters.eq("writer", writer), Filters.gte("seq", 0L)))
                    .forEach(document -> foundThroughIndex.add(document.getString("_id")));
            }
            assertThat(server.queryMetrics().collectionScans()).isEqualTo(scansBefore);
            assertThat(foundThroughIndex).containsAll(acknowledged).isEqualTo(stored);
        }
    }

    private Set<String> runWriterAndKillIt(Path file) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
            CrashingWriter.class.getName(), file.toString(), String.valueOf(WRITER_THREADS))
            .redirectError(ProcessBuilder.Redirect.appendTo(new File(tempDir.toFile(), "child.err")));
        Process child = builder.start();
        Set<String> acknowledged = new HashSet<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(CrashingWriter.ACK)) {
                    acknowledged.add(line.substring(CrashingWriter.ACK.length()));
                }
                if (acknowledged.size() >= ACKS_BEFORE_KILL) {
                    // SIGKILL in the middle of the load; the writers keep going until it lands. Every id
                    // read so far was acknowledged, so it must survive (ids printed later are not checked).
                    child.destroyForcibly();
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(List.of(137, 9)).as("killed by SIGKILL").contains(child.exitValue());
        return acknowledged;
    }
}
