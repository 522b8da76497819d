package io.operadb.command.api;

import io.operadb.signing.TestIdentities;
import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.naming.AggregateIds;
import io.operadb.command.CommandSideApplication;
import io.operadb.command.support.TestSchemas;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side as it runs, over HTTP, against a real (embedded, in-memory) MongoDB. Every subclass shares one
 * Spring context and one database; each test works in an account of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + CommandSideApplication.CONFIG_NAME,
        "operadb.command.snapshot-threshold=5",
        "operadb.command.cors-allowed-origins=" + CommandApiTest.EXPLORER_ORIGIN,
        "management.endpoints.web.exposure.include=health"})
abstract class CommandApiTest {

    /** The one origin allowed to call cross-origin, as the Explorer on a query side would. */
    static final String EXPLORER_ORIGIN = "http://localhost:18081";
    static final String DATABASE = "operadb-test-" + UUID.randomUUID().toString().substring(0, 8);
    static final String OWNER = "user:owner";
    static final String LEAD = "user:lead";
    static final String BOB = "user:bob";

    static {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", () -> TestMongo.connectionString() + "/" + DATABASE);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    HttpApi api;

    @BeforeEach
    void client() {
        api = new HttpApi(port);
    }

    static String newAccountName() {
        return "t-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A fresh account owned by {@link #OWNER} (admin) with {@link #LEAD} (role lead) and {@link #BOB} (no role). */
    String accountWithActors() {
        String account = newAccountName();
        expectStatus(api.post("/api/accounts", OWNER, HttpApi.json(
                "{`account`:`" + account + "`,`owner`:{`actorId`:`" + OWNER + "`,`keys`:" + TestIdentities.keysJson(OWNER) + "}}")), 201);
        expectStatus(api.post("/api/accounts/" + account + "/actors", OWNER, HttpApi.json(
                "{`actorId`:`" + LEAD + "`,`roles`:[`lead`],`keys`:" + TestIdentities.keysJson(LEAD) + "}")), 201);
        expectStatus(api.post("/api/accounts/" + account + "/actors", OWNER, HttpApi.json(
                "{`actorId`:`" + BOB + "`,`roles`:[],`keys`:" + TestIdentities.keysJson(BOB) + "}")), 201);
        return account;
    }

    /** {@link #accountWithActors()} with the ticket schema (version 1) published. */
    String accountWithTickets() {
        String account = accountWithActors();
        expectStatus(api.post("/api/accounts/" + account + "/schemas", OWNER, TestSchemas.ticket().toString()), 201);
        return account;
    }

    HttpApi.Response openTicket(String account, String id, String title) {
        String body = id == null ? "{`data`:{`title`:`" + title + "`}}" : "{`id`:`" + id + "`,`data`:{`title`:`" + title + "`}}";
        return expectStatus(api.post(entities(account), LEAD, HttpApi.json(body)), 201);
    }

    static String entities(String account) {
        return "/api/accounts/" + account + "/entities/ticket";
    }

    static String action(String account, String id, String action) {
        return entities(account) + "/" + id + "/" + action;
    }

    /** Every stored event of an entity, from sequence number 0 (readEvents(id) alone would start at a snapshot). */
    List<? extends DomainEventMessage<?>> storedEvents(String account, String schema, String id) {
        return eventStore.readEvents(AggregateIds.entity(account, schema, id), 0L).asStream().toList();
    }

    static HttpApi.Response expectStatus(HttpApi.Response response, int status) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        return response;
    }

    /** An RFC 9457 problem with the given status and type slug; returns its body. */
    static JsonNode expectProblem(HttpApi.Response response, int status, String typeSlug) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.contentType()).as("content type of %s", response).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("type").asText()).as("type of %s", response)
                .isEqualTo("https://operadb.io/problems/" + typeSlug);
        assertThat(problem.path("title").asText()).as("title of %s", response).isNotBlank();
        assertThat(problem.path("status").asInt()).as("status field of %s", response).isEqualTo(status);
        assertThat(problem.path("detail").asText()).as("detail of %s", response).isNotBlank();
        return problem;
    }

    /** The {@code errors[].path} values of a problem. */
    static List<String> errorPaths(JsonNode problem) {
        return problem.path("errors").findValuesAsText("path");
    }
}
