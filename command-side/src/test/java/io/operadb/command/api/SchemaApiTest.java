package io.operadb.command.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.operadb.api.naming.AggregateIds;
import io.operadb.command.support.TestSchemas;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/accounts/{account}/schemas. */
class SchemaApiTest extends CommandApiTest {

    @Test
    void publishing_a_schema_answers_201_with_its_id_and_version() {
        String account = accountWithActors();

        HttpApi.Response published = api.post(schemas(account), OWNER, TestSchemas.ticket().toString());

        expectStatus(published, 201);
        assertThat(published.json().path("schemaId").asText()).isEqualTo("ticket");
        assertThat(published.json().path("version").asInt()).isEqualTo(1);
        assertThat(published.header("Location"))
                .hasValue("/api/accounts/" + account + "/schemas/ticket/versions/1");
        assertThat(eventStore.readEvents(AggregateIds.schema(account, "ticket")).asStream().count()).isEqualTo(1);
    }

    @Test
    void version_2_is_published_after_version_1_and_new_tickets_follow_it() {
        String account = accountWithTickets();

        HttpApi.Response published = api.post(schemas(account), OWNER, TestSchemas.ticketV2().toString());

        expectStatus(published, 201);
        assertThat(published.json().path("version").asInt()).isEqualTo(2);
        String id = openTicket(account, "T-v2", "after v2").json().path("id").asText();
        assertThat(storedEvents(account, "ticket", id)).singleElement()
                .satisfies(event -> assertThat(event.getPayload()).hasFieldOrPropertyWithValue("schemaVersion", 2));
    }

    @Test
    void an_invalid_schema_is_400_with_the_offending_paths() {
        String account = accountWithActors();
        ObjectNode document = TestSchemas.ticket().deepCopy();
        ((ObjectNode) document.path("fields").path("points")).put("type", "integr");
        ((ObjectNode) document.path("actions").path("assign").path("require").path(0)).put("rule", "state.status ==");

        JsonNode problem = expectProblem(api.post(schemas(account), OWNER, document.toString()), 400, "invalid-schema");

        assertThat(errorPaths(problem)).contains("fields.points.type", "actions.assign.require[0].rule");
        assertThat(eventStore.readEvents(AggregateIds.schema(account, "ticket")).asStream().count()).isZero();
    }

    @Test
    void an_incompatible_version_without_a_migration_is_422_naming_the_fields_and_publishes_nothing() {
        String account = accountWithActors();
        expectStatus(api.post(schemas(account), OWNER, TestSchemas.load("stock-v1.json").toString()), 201);
        ObjectNode bare = TestSchemas.load("stock-v2.json").deepCopy();
        bare.remove("migrate");

        JsonNode problem = expectProblem(api.post(schemas(account), OWNER, bare.toString()), 422,
                "incompatible-schema");

        assertThat(errorPaths(problem)).containsExactlyInAnyOrder("fields.legacy", "fields.unit");
        assertThat(problem.path("detail").asText()).contains("without a migration");
        assertThat(eventStore.readEvents(AggregateIds.schema(account, "stock")).asStream().count()).isEqualTo(1);

        ObjectNode retyped = TestSchemas.load("stock-v2.json").deepCopy();
        ((ObjectNode) retyped.path("fields").path("name")).put("type", "integer");
        ((ObjectNode) retyped.path("actions").path("create").path("params").path("name")).put("type", "integer");
        assertThat(errorPaths(expectProblem(api.post(schemas(account), OWNER, retyped.toString()), 422,
                "incompatible-schema"))).containsExactly("fields.name");
    }

    @Test
    void versions_with_their_migrations_are_published_one_after_the_other() {
        String account = accountWithActors();
        for (int v = 1; v <= 3; v++) {
            HttpApi.Response published = api.post(schemas(account), OWNER,
                    TestSchemas.load("stock-v" + v + ".json").toString());
            expectStatus(published, 201);
            assertThat(published.json().path("version").asInt()).isEqualTo(v);
        }
    }

    @Test
    void a_schema_body_that_is_not_an_object_is_400() {
        String account = accountWithActors();

        expectProblem(api.post(schemas(account), OWNER, "[]"), 400, "invalid-schema");
    }

    @Test
    void skipping_a_version_is_409_version_conflict() {
        String account = accountWithTickets();
        ObjectNode v3 = ((ObjectNode) TestSchemas.ticketV2()).put("version", 3);

        expectProblem(api.post(schemas(account), OWNER, v3.toString()), 409, "version-conflict");
    }

    @Test
    void publishing_version_1_again_is_409_version_conflict() {
        String account = accountWithTickets();

        expectProblem(api.post(schemas(account), OWNER, TestSchemas.ticket().toString()), 409, "version-conflict");
    }

    @Test
    void publishing_by_an_actor_without_the_admin_role_is_403() {
        String account = accountWithActors();

        expectProblem(api.post(schemas(account), LEAD, TestSchemas.ticket().toString()), 403, "forbidden");
    }

    @Test
    void publishing_without_the_actor_header_is_401() {
        String account = accountWithActors();

        expectProblem(api.post(schemas(account), null, TestSchemas.ticket().toString()), 401, "not-authenticated");
    }

    @Test
    void publishing_in_an_unknown_account_is_404() {
        String token = api.token(accountWithActors(), OWNER);
        expectProblem(api.postWithToken(schemas(newAccountName()), token, TestSchemas.ticket().toString()), 404,
                "unknown-account");
    }

    static String schemas(String account) {
        return "/api/accounts/" + account + "/schemas";
    }
}
