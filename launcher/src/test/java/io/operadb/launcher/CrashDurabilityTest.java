package io.operadb.launcher;

import io.operadb.signing.TestIdentities;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.operadb.api.naming.AggregateIds;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event acknowledged to a client survives a crash of the process: the embedded default runs in a child JVM,
 * clients write under load, the JVM is killed with SIGKILL mid-load, and every receipt a client got is then found
 * in the store, and served again after a restart.
 */
class CrashDurabilityTest {

    private static final int WRITERS = 8;

    @TempDir
    Path dataDir;

    @Test
    void every_acknowledged_event_survives_kill_9_of_the_process() throws Exception {
        int mongoPort = freePort();
        int commandPort = freePort();
        int queryPort = freePort();
        Process child = startChild(mongoPort, commandPort, queryPort);
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        try {
            awaitReady(child);
            Http commands = new Http("http://localhost:" + commandPort);
            assertThat(commands.as("user:alice").post("/api/accounts",
                    "{\"account\":\"crash\",\"owner\":{\"actorId\":\"user:alice\",\"keys\":"
                            + TestIdentities.keysJson("user:alice") + "}}").status()).isEqualTo(201);
            assertThat(commands.as("user:alice").post("/api/accounts/crash/schemas",
                    TicketWorkflowEndToEndTest.ticketSchema()).status()).isEqualTo(201);

            AtomicBoolean running = new AtomicBoolean(true);
            CountDownLatch someWritten = new CountDownLatch(200);
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.submit(() -> {
                    Http alice = commands.as("user:alice");
                    for (int i = 0; running.get(); i++) {
                        String id = "w" + writer + "-" + i;
                        try {
                            Http.Response response = alice.post("/api/accounts/crash/entities/ticket",
                                    "{\"id\":\"" + id + "\",\"data\":{\"title\":\"t\"}}");
                            if (response.status() == 201) {
                                acknowledged.add(id);
                                someWritten.countDown();
                            }
                        } catch (RuntimeException connectionLost) {
                            return;
                        }
                    }
                });
            }
            assertThat(someWritten.await(60, TimeUnit.SECONDS)).isTrue();
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            running.set(false);
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        List<String> receipts = new ArrayList<>(acknowledged);
        assertThat(receipts).hasSizeGreaterThanOrEqualTo(200);
        try (OperaDb restarted = OperaDb.start(new DevSettings(dataDir, "localhost", 0, 0, 0), Map.of());
             MongoClient client = MongoClients.create(restarted.mongoUri())) {
            MongoCollection<Document> events = client.getDatabase(DevSettings.DATABASE).getCollection("domainevents");
            List<String> lost = receipts.stream()
                    .filter(id -> events.find(Filters.and(
                            Filters.eq("aggregateIdentifier", AggregateIds.entity("crash", "ticket", id)),
                            Filters.eq("sequenceNumber", 0L))).first() == null)
                    .toList();
            assertThat(lost).as("acknowledged but lost").isEmpty();

            Http queries = new Http("http://localhost:" + restarted.queryPort()).as("user:alice");
            String last = receipts.get(receipts.size() - 1);
            Http.Response served = queries.get("/api/accounts/crash/entities/ticket/" + last + "?minVersion=1");
            assertThat(served.status()).as(served.toString()).isEqualTo(200);
        }
    }

    private Process startChild(int mongoPort, int commandPort, int queryPort) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Daxoniq.update-checker.disabled=true",
                "-cp", System.getProperty("java.class.path"), OperaDbDev.class.getName());
        builder.environment().put("OPERADB_DATA_DIR", dataDir.toString());
        builder.environment().put("OPERADB_MONGO_PORT", Integer.toString(mongoPort));
        builder.environment().put("OPERADB_COMMAND_PORT", Integer.toString(commandPort));
        builder.environment().put("OPERADB_QUERY_PORT", Integer.toString(queryPort));
        builder.redirectErrorStream(true);
        return builder.start();
    }

    private static void awaitReady(Process child) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.contains("OperaDB dev mode is ready")) {
                        ready.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the child was killed
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        assertThat(ready.await(120, TimeUnit.SECONDS)).as("child JVM ready").isTrue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
