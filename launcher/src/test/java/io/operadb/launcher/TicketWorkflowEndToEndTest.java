package io.operadb.launcher;

import io.operadb.signing.TestIdentities;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole system as a user meets it: both services on the embedded MongoDB, a schema this test defines itself,
 * actions through the command API, state and history back through the query API.
 */
class TicketWorkflowEndToEndTest {

    private static Http commands;
    private static Http queries;

    @BeforeAll
    static void start() {
        commands = SharedOperaDb.commands();
        queries = SharedOperaDb.queries();
        assertThat(commands.as("user:alice").post("/api/accounts",
                "{\"account\":\"acme\",\"owner\":{\"actorId\":\"user:alice\",\"keys\":"
                        + TestIdentities.keysJson("user:alice") + "}}").status()).isEqualTo(201);
        assertThat(commands.as("user:alice").post("/api/accounts/acme/actors",
                "{\"actorId\":\"user:lena\",\"roles\":[\"lead\"],\"keys\":" + TestIdentities.keysJson("user:lena") + "}").status()).isEqualTo(201);
        assertThat(commands.as("user:alice").post("/api/accounts/acme/actors",
                "{\"actorId\":\"user:bob\",\"roles\":[],\"keys\":" + TestIdentities.keysJson("user:bob") + "}").status()).isEqualTo(201);
        Http.Response published = commands.as("user:alice").post("/api/accounts/acme/schemas", ticketSchema());
        assertThat(published.status()).as(published.toString()).isEqualTo(201);
        assertThat(published.json().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void a_ticket_is_opened_assigned_and_closed_and_reads_back_with_its_history() {
        Http bob = commands.as("user:bob");
        Http lena = commands.as("user:lena");
        JsonNode opened = bob.post("/api/accounts/acme/entities/ticket",
                "{\"id\":\"T-1\",\"data\":{\"title\":\"Printer on fire\",\"points\":3}}").json();
        assertThat(opened.get("version").asLong()).isEqualTo(1);
        assertThat(opened.get("eventType").asText()).isEqualTo("ticket.open");

        Http.Response assigned = lena.header("If-Match", "1").post("/api/accounts/acme/entities/ticket/T-1/assign",
                "{\"data\":{\"assignee\":\"user:bob\"}}");
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        Http.Response closed = bob.post("/api/accounts/acme/entities/ticket/T-1/close", "{}");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(closed.json().get("version").asLong()).isEqualTo(3);

        JsonNode ticket = queries.as("user:bob").get("/api/accounts/acme/entities/ticket/T-1?minVersion=3").json();
        assertThat(ticket.get("version").asLong()).isEqualTo(3);
        assertThat(ticket.get("state").get("status").asText()).isEqualTo("closed");
        assertThat(ticket.get("state").get("assignee").asText()).isEqualTo("user:bob");
        assertThat(ticket.get("state").get("points").asLong()).isEqualTo(3);
        assertThat(ticket.get("createdBy").asText()).isEqualTo("user:bob");
        assertThat(ticket.get("updatedBy").asText()).isEqualTo("user:bob");

        JsonNode history = queries.as("user:bob").get("/api/accounts/acme/entities/ticket/T-1/events").json();
        assertThat(history.get("items")).extracting(e -> e.get("type").asText())
                .containsExactly("ticket.open", "ticket.assign", "ticket.close");
        assertThat(history.get("items").get(1).get("actor").asText()).isEqualTo("user:lena");

        JsonNode first = queries.as("user:bob").get("/api/accounts/acme/entities/ticket/T-1?atVersion=1").json();
        assertThat(first.get("state").get("status").asText()).isEqualTo("open");
        assertThat(first.get("state").has("assignee")).isFalse();

        JsonNode listed = queries.as("user:bob")
                .get("/api/accounts/acme/entities/ticket?state.status=closed&state.points%5Bgte%5D=3").json();
        assertThat(listed.get("items")).extracting(e -> e.get("id").asText()).contains("T-1");
    }

    @Test
    void a_stale_version_is_409_a_failed_guard_is_422_and_bad_input_is_400_and_none_writes_an_event() {
        Http bob = commands.as("user:bob");
        Http lena = commands.as("user:lena");
        bob.post("/api/accounts/acme/entities/ticket", "{\"id\":\"T-2\",\"data\":{\"title\":\"Coffee machine\"}}");

        Http.Response stale = lena.header("If-Match", "7").post("/api/accounts/acme/entities/ticket/T-2/assign",
                "{\"data\":{\"assignee\":\"user:bob\"}}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.contentType()).startsWith("application/problem+json");

        Http.Response guard = lena.post("/api/accounts/acme/entities/ticket/T-2/close", "{}");
        assertThat(guard.status()).isEqualTo(422);
        assertThat(guard.json().get("detail").asText()).isEqualTo("only an assigned ticket can be closed");

        Http.Response forbidden = bob.post("/api/accounts/acme/entities/ticket/T-2/assign",
                "{\"data\":{\"assignee\":\"user:bob\"}}");
        assertThat(forbidden.status()).isEqualTo(403);

        Http.Response invalid = bob.post("/api/accounts/acme/entities/ticket",
                "{\"data\":{\"points\":-1,\"colour\":\"red\"}}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors")).extracting(e -> e.get("path").asText())
                .contains("data.title", "data.points", "data.colour");

        JsonNode ticket = queries.as("user:bob").get("/api/accounts/acme/entities/ticket/T-2?minVersion=1").json();
        assertThat(ticket.get("version").asLong()).isEqualTo(1);
        JsonNode history = queries.as("user:bob").get("/api/accounts/acme/entities/ticket/T-2/events").json();
        assertThat(history.get("items")).hasSize(1);
    }

    @Test
    void a_retried_command_with_the_same_idempotency_key_returns_the_first_receipt() {
        Http bob = commands.as("user:bob").header("Idempotency-Key", "open-once");
        Http.Response first = bob.post("/api/accounts/acme/entities/ticket", "{\"data\":{\"title\":\"Retry me\"}}");
        Http.Response retry = bob.post("/api/accounts/acme/entities/ticket", "{\"data\":{\"title\":\"Retry me\"}}");
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.json()).isEqualTo(first.json());
        String id = first.json().get("id").asText();
        JsonNode history = queries.as("user:bob")
                .get("/api/accounts/acme/entities/ticket/" + id + "/events").json();
        assertThat(history.get("items")).hasSize(1);
    }

    @Test
    void a_published_schema_is_served_exactly_as_written_numbers_included() {
        String price = "{\"schemaId\":\"price\",\"version\":1,\"fields\":{\"amount\":{\"type\":\"decimal\","
                + "\"min\":0.50,\"max\":100.0}},\"actions\":{\"set\":{\"creates\":true,"
                + "\"params\":{\"amount\":{\"type\":\"decimal\",\"required\":true}},"
                + "\"reduce\":[{\"set\":\"amount\",\"to\":\"params.amount\"}]}}}";
        assertThat(commands.as("user:alice").post("/api/accounts/acme/schemas", price).status()).isEqualTo(201);

        Http.Response served = queries.as("user:bob").get("/api/accounts/acme/schemas/price");

        assertThat(served.body()).contains("\"min\":0.50").contains("\"max\":100.0");
        Http.Response tooSmall = commands.as("user:bob").post("/api/accounts/acme/entities/price",
                "{\"data\":{\"amount\":\"0.49\"}}");
        assertThat(tooSmall.status()).as("the field rule holds on the resulting state").isEqualTo(422);
        assertThat(tooSmall.json().get("errors").get(0).get("path").asText()).isEqualTo("state.amount");
    }

    static String ticketSchema() {
        try (var in = TicketWorkflowEndToEndTest.class.getResourceAsStream("/ticket.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
