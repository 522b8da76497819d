package io.operadb.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.query.projection.ProjectionCatchUp;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.fail;

/**
 * The query side as it runs: the whole Spring Boot application on a random port over the embedded MongoDB, fed
 * through its Axon event store by a {@link CommandSideStandIn} and read over HTTP. Subclasses pick the database
 * with a {@code @DynamicPropertySource} (see {@link SharedQuerySideTest} for the common one).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=query-side", "axon.axonserver.enabled=false",
                "operadb.security.operators=*/role:admin"})
public abstract class QuerySideTestSupport {

    static {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    public static final String ALICE = "user:alice";
    public static final String BOB = "user:bob";

    @LocalServerPort
    protected int port;
    @Autowired
    protected EventStore eventStore;
    @Autowired
    protected MongoTemplate mongo;
    @Autowired
    protected ProjectionCatchUp catchUp;
    @Autowired
    protected io.operadb.web.auth.TokenService tokens;

    protected CommandSideStandIn commands;
    protected QueryClient http;

    /** Runs before each test; a {@code @BeforeAll} of a per-class test calls it itself. */
    @BeforeEach
    protected void wireClients() {
        commands = new CommandSideStandIn(eventStore);
        http = new QueryClient(port, ALICE);
    }

    /** A client that sends a bearer token of {@code actor} in {@code account}, as a browser would. */
    protected QueryClient withToken(String account, String actor) {
        return http.withToken(tokens.issue(account, actor).token());
    }

    /** A fresh tenant name, so that tests sharing a database never see each other's data. */
    protected static String newAccount(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static JsonNode resource(String name) {
        try (InputStream in = QuerySideTestSupport.class.getResourceAsStream("/schemas/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource schemas/" + name);
            }
            return CommandSideStandIn.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the projections have applied everything in the store. */
    protected void awaitProjections() {
        if (!catchUp.awaitHead(Duration.ofSeconds(30))) {
            fail("the projections did not reach the head of the store within 30 s: head " + abbreviate(catchUp.head())
                    + ", processor at " + catchUp.processor().map(p -> abbreviate(p.processingStatus())).orElse("-"));
        }
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }

    protected static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }
}
