package io.operadb.command.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.entity.EntityEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.operadb.command.api.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/accounts/{account}/entities/{schema} and .../{id}/{action}. */
class EntityApiTest extends CommandApiTest {

    @Nested
    class Creating {

        @Test
        void opening_a_ticket_answers_201_with_a_receipt_location_and_etag() {
            String account = accountWithTickets();

            HttpApi.Response created = api.post(entities(account), LEAD,
                    json("{`id`:`T-1`,`data`:{`title`:`Printer jammed`,`points`:3}}"));

            expectStatus(created, 201);
            JsonNode receipt = created.json();
            assertThat(receipt.path("account").asText()).isEqualTo(account);
            assertThat(receipt.path("schema").asText()).isEqualTo("ticket");
            assertThat(receipt.path("id").asText()).isEqualTo("T-1");
            assertThat(receipt.path("action").asText()).isEqualTo("open");
            assertThat(receipt.path("eventType").asText()).isEqualTo("ticket.open");
            assertThat(receipt.path("version").asLong()).isEqualTo(1);
            assertThat(receipt.path("eventId").asText()).isNotBlank();
            assertThat(receipt.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(created.header("Location")).hasValue(entities(account) + "/T-1");
            assertThat(created.header("ETag")).hasValue("\"1\"");

            assertThat(storedEvents(account, "ticket", "T-1")).singleElement().satisfies(message -> {
                EntityEvent event = (EntityEvent) message.getPayload();
                assertThat(event.eventId()).isEqualTo(receipt.path("eventId").asText());
                assertThat(event.actor()).isEqualTo(LEAD);
                assertThat(event.data()).containsEntry("title", "Printer jammed");
                // read back from the store's JSON: a wire-form integer, whatever its Java type
                assertThat(((Number) event.data().get("points")).longValue()).isEqualTo(3);
            });
        }

        @Test
        void opening_a_ticket_without_an_id_generates_a_uuid() {
            String account = accountWithTickets();

            HttpApi.Response created = api.post(entities(account), LEAD, json("{`data`:{`title`:`No id`}}"));

            expectStatus(created, 201);
            String id = created.json().path("id").asText();
            assertThat(UUID.fromString(id).toString()).isEqualTo(id);
            assertThat(created.header("Location")).hasValue(entities(account) + "/" + id);
            assertThat(storedEvents(account, "ticket", id)).hasSize(1);
        }

        @Test
        void two_tickets_without_ids_get_different_ids() {
            String account = accountWithTickets();

            String first = openTicket(account, null, "one").json().path("id").asText();
            String second = openTicket(account, null, "two").json().path("id").asText();

            assertThat(first).isNotEqualTo(second);
        }

        @Test
        void opening_a_ticket_with_an_existing_id_is_409_duplicate() {
            String account = accountWithTickets();
            openTicket(account, "T-1", "first");

            expectProblem(api.post(entities(account), LEAD, json("{`id`:`T-1`,`data`:{`title`:`second`}}")), 409,
                    "duplicate");
            assertThat(storedEvents(account, "ticket", "T-1")).hasSize(1);
        }

        @Test
        void a_retry_with_the_same_idempotency_key_returns_the_same_receipt_and_stores_one_event() {
            String account = accountWithTickets();
            String body = json("{`id`:`T-1`,`data`:{`title`:`once`}}");

            HttpApi.Response first = expectStatus(api.post(entities(account), LEAD, body, "Idempotency-Key", "k-1"), 201);
            HttpApi.Response retry = expectStatus(api.post(entities(account), LEAD, body, "Idempotency-Key", "k-1"), 201);

            assertThat(retry.json()).isEqualTo(first.json());
            assertThat(storedEvents(account, "ticket", "T-1")).hasSize(1);
        }

        @Test
        void a_retry_without_an_id_lands_on_the_same_generated_entity() {
            String account = accountWithTickets();
            String body = json("{`data`:{`title`:`once`}}");

            HttpApi.Response first = expectStatus(api.post(entities(account), LEAD, body, "Idempotency-Key", "k-2"), 201);
            HttpApi.Response retry = expectStatus(api.post(entities(account), LEAD, body, "Idempotency-Key", "k-2"), 201);

            assertThat(retry.json()).isEqualTo(first.json());
            assertThat(storedEvents(account, "ticket", first.json().path("id").asText())).hasSize(1);
        }

        @Test
        void a_refused_create_leaves_no_entity_behind() {
            String account = accountWithTickets();
            expectProblem(api.post(entities(account), LEAD, json("{`id`:`T-1`,`data`:{`points`:-1}}")), 400,
                    "invalid-input");
            expectProblem(api.post(entities(account), BOB, json("{`id`:`T-1`,`data`:{`title`:`x`,`extra`:1}}")), 400,
                    "invalid-input");

            expectProblem(api.post(action(account, "T-1", "assign"), LEAD, json("{`data`:{`assignee`:`user:bob`}}")),
                    404, "unknown-entity");
            expectProblem(api.post(action(account, "T-1", "close"), LEAD, null, "If-Match", "0"), 404,
                    "unknown-entity");
            HttpApi.Response created = openTicket(account, "T-1", "now valid");
            assertThat(created.json().path("version").asLong()).isEqualTo(1);
            assertThat(storedEvents(account, "ticket", "T-1")).hasSize(1);
        }

        @Test
        void a_body_that_is_not_an_object_is_400_naming_the_body() {
            String account = accountWithTickets();

            JsonNode problem = expectProblem(api.post(entities(account), LEAD, "[1]"), 400, "invalid-input");

            assertThat(errorPaths(problem)).contains("body");
        }

        @Test
        void dot_segment_ids_are_400_because_clients_rewrite_them_out_of_urls() {
            String account = accountWithTickets();

            for (String id : new String[] {".", ".."}) {
                JsonNode problem = expectProblem(api.post(entities(account), LEAD,
                        json("{`id`:`" + id + "`,`data`:{`title`:`dots`}}")), 400, "invalid-input");
                assertThat(errorPaths(problem)).containsExactly("id");
            }
        }

        @Test
        void unknown_fields_a_bad_id_and_non_object_data_are_400_each_with_its_path() {
            String account = accountWithTickets();

            JsonNode problem = expectProblem(api.post(entities(account), LEAD,
                    json("{`id`:`bad id!`,`data`:5,`colour`:`red`}")), 400, "invalid-input");

            assertThat(errorPaths(problem)).containsExactlyInAnyOrder("id", "data", "colour");
        }

        @Test
        void invalid_data_is_400_naming_each_field() {
            String account = accountWithTickets();

            JsonNode problem = expectProblem(api.post(entities(account), LEAD,
                    json("{`data`:{`points`:-1,`colour`:`red`}}")), 400, "invalid-input");

            assertThat(errorPaths(problem)).contains("data.title", "data.points", "data.colour");
        }

        @Test
        void a_mongo_operator_key_in_data_is_400() {
            String account = accountWithTickets();

            JsonNode problem = expectProblem(api.post(entities(account), LEAD, json("{`data`:{`$where`:`1`}}")), 400,
                    "invalid-input");

            assertThat(errorPaths(problem)).contains("data.$where");
        }

        @Test
        void opening_an_entity_of_an_unknown_schema_is_404() {
            String account = accountWithTickets();

            expectProblem(api.post("/api/accounts/" + account + "/entities/nope", LEAD, json("{`data`:{}}")), 404,
                    "unknown-schema");
        }

        @Test
        void opening_in_an_unknown_account_is_404() {
            String token = api.token(accountWithTickets(), LEAD);
            expectProblem(api.postWithToken(entities(newAccountName()), token, json("{`data`:{`title`:`x`}}")), 404,
                    "unknown-account");
        }

        @Test
        void opening_without_the_actor_header_is_401() {
            String account = accountWithTickets();

            expectProblem(api.post(entities(account), null, json("{`data`:{`title`:`x`}}")), 401, "not-authenticated");
        }

        @Test
        void opening_by_an_actor_not_registered_in_the_account_is_401() {
            String account = accountWithTickets();

            expectProblem(api.post(entities(account), "user:stranger", json("{`data`:{`title`:`x`}}")), 401,
                    "not-authenticated");
        }
    }

    @Nested
    class Acting {

        @Test
        void a_lead_assigns_a_ticket_with_200_and_the_new_version_as_etag() {
            String account = accountWithTickets();
            openTicket(account, "T-1", "Printer jammed");

            HttpApi.Response assigned = api.post(action(account, "T-1", "assign"), LEAD,
                    json("{`data`:{`assignee`:`user:bob`}}"), "If-Match", "\"1\"");

            expectStatus(assigned, 200);
            assertThat(assigned.json().path("version").asLong()).isEqualTo(2);
            assertThat(assigned.json().path("eventType").asText()).isEqualTo("ticket.assign");
            assertThat(assigned.header("ETag")).hasValue("\"2\"");
            assertThat(storedEvents(account, "ticket", "T-1")).hasSize(2);
        }

        @Test
        void the_assignee_closes_the_ticket_with_no_body_at_all() {
            String account = accountWithTickets();
            openTicket(account, "T-1", "Printer jammed");
            expectStatus(api.post(action(account, "T-1", "assign"), LEAD, json("{`data`:{`assignee`:`user:bob`}}")), 200);

            HttpApi.Response closed = api.post(action(account, "T-1", "close"), BOB, null);

            expectStatus(closed, 200);
            assertThat(closed.json().path("version").asLong()).isEqualTo(3);
        }

        @Test
        void a_wallet_assignee_closes_the_ticket_whatever_the_case_of_its_address() {
            String account = accountWithTickets();
            String lowerCase = io.operadb.signing.TestIdentities.wallet("assignee");
            String wallet = "0x" + lowerCase.substring(2, 12).toUpperCase() + lowerCase.substring(12);
            expectStatus(api.post("/api/accounts/" + account + "/actors", OWNER,
                    json("{`actorId`:`" + wallet + "`,`roles`:[]}")), 201);
            openTicket(account, "T-1", "Wallet");
            expectStatus(api.post(action(account, "T-1", "assign"), LEAD,
                    json("{`data`:{`assignee`:`" + wallet.toUpperCase().replace("0X", "0x") + "`}}")), 200);

            HttpApi.Response closed = api.post(action(account, "T-1", "close"), wallet.toLowerCase(), null);

            expectStatus(closed, 200);
            assertThat(storedEvents(account, "ticket", "T-1")).last().satisfies(event ->
                    assertThat(((EntityEvent) event.getPayload()).actor()).isEqualTo(wallet.toLowerCase()));
        }

        @Test
        void an_if_match_that_is_not_the_current_version_is_409_and_stores_nothing() {
            String account = accountWithTickets();
            openTicket(account, "T-1", "Printer jammed");

            expectProblem(api.post(action(account, "T-1", "assign"), LEAD, json("{`data`:{`assignee`:`user:bob`}}"),
                    "If-Match", "7"), 409, "version-conflict");
            assertThat(storedEvents(account, "ticket", "T-1")).hasSize(1);
        }

        @Test
        void an_if_match_that_is_not_a_version_is_400() {
            String account = accountWithTickets();
            openTicket(account, "T-1", "Printer jammed");

            JsonNode problem = expectProblem(api.post(action(account, "T-1", "assign"), LEAD,
                    json("{`data`:{`assignee`:`user:bob`}}"), "If-Match", "abc"), 400, "invalid-input");
            assertThat(errorPaths(problem)).containsExactly("header.If-Match");
        }

        @Test
        void closing_an_unassigned_ticket_is_422_with_the_rule_message_in_detail() {
            String account = accountWithTickets();
            openTicket(account, "T-1", "Printer jammed");

            JsonNode problem = expectProblem(api.post(action(account, "T-1", "close"), LEAD, json("{}")), 422,
                    "guard-failed");

            assertThat(problem.path("detail").asText()).isEqualTo("only an assigned ticket can be closed");
            assertThat(storedEvents(account, "ticket", "T-1")).hasSize(1);
        }

        @Test
        void assigning_without_the_lead_role_is_403() {
            String account = accountWithTickets();
            openTicket(account, "T-1", "Printer jammed");

            expectProblem(api.post(action(account, "T-1", "assign"), BOB, json("{`data`:{`assignee`:`user:bob`}}")),
                    403, "forbidden");
            assertThat(storedEvents(account, "ticket", "T-1")).hasSize(1);
        }

        @Test
        void acting_on_an_unknown_entity_is_404() {
            String account = accountWithTickets();

            expectProblem(api.post(action(account, "T-404", "assign"), LEAD, json("{`data`:{`assignee`:`user:bob`}}")),
                    404, "unknown-entity");
            assertThat(storedEvents(account, "ticket", "T-404")).isEmpty();
        }

        @Test
        void acting_on_an_entity_id_that_breaks_the_id_rules_is_404() {
            String account = accountWithTickets();

            expectProblem(api.post(entities(account) + "/" + "x".repeat(129) + "/assign", LEAD, json("{}")), 404,
                    "unknown-entity");
        }

        @Test
        void an_unknown_action_is_404() {
            String account = accountWithTickets();
            openTicket(account, "T-1", "Printer jammed");

            expectProblem(api.post(action(account, "T-1", "reopen"), LEAD, json("{}")), 404, "unknown-action");
        }

        @Test
        void invalid_parameters_are_400_naming_each_field() {
            String account = accountWithTickets();
            openTicket(account, "T-1", "Printer jammed");

            JsonNode problem = expectProblem(api.post(action(account, "T-1", "assign"), LEAD,
                    json("{`data`:{`assignee`:`nobody`,`$where`:`1`}}")), 400, "invalid-input");

            assertThat(errorPaths(problem)).contains("data.assignee", "data.$where");
        }

        @Test
        void an_action_body_with_more_than_data_is_400() {
            String account = accountWithTickets();
            openTicket(account, "T-1", "Printer jammed");

            JsonNode problem = expectProblem(api.post(action(account, "T-1", "assign"), LEAD,
                    json("{`id`:`T-2`,`data`:{`assignee`:`user:bob`}}")), 400, "invalid-input");

            assertThat(errorPaths(problem)).containsExactly("id");
        }

        @Test
        void a_retried_action_returns_the_first_receipt_and_stores_one_event() {
            String account = accountWithTickets();
            openTicket(account, "T-1", "Printer jammed");
            String body = json("{`data`:{`assignee`:`user:bob`}}");

            HttpApi.Response first = expectStatus(api.post(action(account, "T-1", "assign"), LEAD, body,
                    "If-Match", "1", "Idempotency-Key", "assign-once"), 200);
            HttpApi.Response retry = expectStatus(api.post(action(account, "T-1", "assign"), LEAD, body,
                    "If-Match", "1", "Idempotency-Key", "assign-once"), 200);

            assertThat(retry.json()).isEqualTo(first.json());
            assertThat(storedEvents(account, "ticket", "T-1")).hasSize(2);
        }

        @Test
        void an_overlong_idempotency_key_is_400() {
            String account = accountWithTickets();
            openTicket(account, "T-1", "Printer jammed");

            JsonNode problem = expectProblem(api.post(action(account, "T-1", "assign"), LEAD,
                    json("{`data`:{`assignee`:`user:bob`}}"), "Idempotency-Key", "k".repeat(201)), 400, "invalid-input");
            assertThat(errorPaths(problem)).containsExactly("header.Idempotency-Key");
        }
    }

    @Nested
    class MalformedRequests {

        @Test
        void malformed_json_is_400_never_500() {
            String account = accountWithTickets();
            openTicket(account, "T-1", "Printer jammed");

            expectProblem(api.post(entities(account), LEAD, "{\"data\": {\"title\": "), 400, "invalid-input");
            expectProblem(api.post(action(account, "T-1", "assign"), LEAD, "{data: nope}"), 400, "invalid-input");
            expectProblem(api.post("/api/accounts", OWNER, "{\"account\":"), 400, "invalid-input");
            expectProblem(api.post(SchemaApiTest.schemas(account), OWNER, "{{"), 400, "invalid-input");
        }

        @Test
        void an_empty_body_where_one_is_required_is_400() {
            String account = accountWithTickets();

            expectProblem(api.post(entities(account), LEAD, ""), 400, "invalid-input");
            expectProblem(api.post("/api/accounts", OWNER, null), 400, "invalid-input");
        }

        @Test
        void a_json_null_body_is_400() {
            String account = accountWithTickets();

            expectProblem(api.post(entities(account), LEAD, "null"), 400, "invalid-input");
            expectProblem(api.post("/api/accounts", OWNER, "null"), 400, "invalid-input");
            expectProblem(api.post(SchemaApiTest.schemas(account), OWNER, "null"), 400, "invalid-schema");
        }

        @Test
        void a_body_that_is_not_json_is_415_as_a_problem() {
            String account = accountWithTickets();

            expectProblem(api.send(entities(account), LEAD, "text/plain", "title=x"), 415, "unsupported-media-type");
        }

        @Test
        void an_unknown_path_is_404_as_a_problem() {
            expectProblem(api.post("/api/accounts/" + accountWithTickets() + "/nothing/here/at/all/really", OWNER,
                    "{}"), 404, "not-found");
        }

        @Test
        void a_get_on_a_command_path_is_405_as_a_problem() {
            String account = accountWithTickets();
            HttpApi.Response response = api.get(entities(account), LEAD);

            expectProblem(response, 405, "method-not-allowed");
        }
    }
}
