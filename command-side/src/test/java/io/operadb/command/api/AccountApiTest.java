package io.operadb.command.api;

import io.operadb.signing.TestIdentities;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static io.operadb.command.api.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/accounts and POST /api/accounts/{account}/actors. */
class AccountApiTest extends CommandApiTest {

    @Test
    void creating_an_account_answers_201_with_its_owner_as_first_admin() {
        String account = newAccountName();
        String wallet = TestIdentities.wallet("account-owner");
        String mixedCase = "0x" + wallet.substring(2, 12).toUpperCase() + wallet.substring(12);
        HttpApi.Response created = api.post("/api/accounts", mixedCase, json("{`account`:`" + account
                + "`,`owner`:{`actorId`:`" + mixedCase + "`,`keys`:[{`type`:`secp256k1`,"
                + "`address`:`" + mixedCase + "`}]}}"));

        expectStatus(created, 201);
        assertThat(created.header("Location")).hasValue("/api/accounts/" + account);
        JsonNode body = created.json();
        assertThat(body.path("account").asText()).isEqualTo(account);
        assertThat(body.path("owner").path("actorId").asText()).isEqualTo(wallet);
        assertThat(body.path("owner").path("roles").findValuesAsText("roles")).isEmpty();
        assertThat(body.path("owner").path("roles").toString()).contains("admin");
    }

    @Test
    void the_owner_of_a_new_account_may_register_actors_at_once() {
        String account = newAccountName();
        expectStatus(api.post("/api/accounts", OWNER, ownerBody(account, OWNER)), 201);

        expectStatus(api.post(actors(account), OWNER, json("{`actorId`:`user:alice`,`roles`:[`lead`],`keys`:" + TestIdentities.keysJson("user:alice") + "}")), 201);
    }

    @Test
    void creating_an_account_that_exists_is_409_duplicate() {
        String account = newAccountName();
        expectStatus(api.post("/api/accounts", OWNER, ownerBody(account, OWNER)), 201);

        expectProblem(api.post("/api/accounts", "user:someone-else", ownerBody(account, "user:someone-else")), 409, "duplicate");
    }

    @Test
    void a_bad_account_name_is_400_naming_the_account_field() {
        JsonNode problem = expectProblem(api.post("/api/accounts", OWNER, ownerBody("Bad_Name", OWNER)), 400,
                "invalid-input");

        assertThat(errorPaths(problem)).containsExactly("account");
    }

    @Test
    void a_bad_owner_is_400_naming_each_offending_owner_field() {
        JsonNode problem = expectProblem(api.post("/api/accounts", OWNER, json("{`account`:`" + newAccountName()
                + "`,`owner`:{`actorId`:`alice`,`roles`:[`Not A Role`],"
                + "`keys`:[{`type`:`secp256k1`,`address`:`0x12`},{`type`:`rsa`}]}}")), 400, "invalid-input");

        assertThat(errorPaths(problem)).containsExactlyInAnyOrder("owner.actorId", "owner.roles[0]",
                "owner.keys[0].address", "owner.keys[1].type");
    }

    @Test
    void a_missing_owner_is_400_naming_the_owner_field() {
        JsonNode problem = expectProblem(api.post("/api/accounts", OWNER,
                json("{`account`:`" + newAccountName() + "`}")), 400, "invalid-input");

        assertThat(errorPaths(problem)).containsExactly("owner");
    }

    @Test
    void an_account_body_that_is_not_an_object_is_400() {
        expectProblem(api.post("/api/accounts", OWNER, "[1,2]"), 400, "invalid-input");
        expectProblem(api.post("/api/accounts", OWNER, "\"acme\""), 400, "invalid-input");
    }

    @Test
    void an_admin_registers_an_actor_with_201() {
        String account = accountWithActors();

        HttpApi.Response registered = api.post(actors(account), OWNER,
                json("{`actorId`:`svc:importer`,`roles`:[`writer`],`keys`:" + TestIdentities.keysJson("svc:importer") + "}"));

        expectStatus(registered, 201);
        assertThat(registered.json().path("actorId").asText()).isEqualTo("svc:importer");
        assertThat(registered.json().path("roles").toString()).contains("writer");
    }

    @Test
    void registering_by_an_actor_without_the_admin_role_is_403() {
        String account = accountWithActors();

        expectProblem(api.post(actors(account), LEAD, json("{`actorId`:`user:eve`,`roles`:[`admin`]}")), 403,
                "forbidden");
    }

    @Test
    void registering_by_an_actor_unknown_to_the_account_is_401() {
        String account = accountWithActors();

        expectProblem(api.post(actors(account), "user:stranger", json("{`actorId`:`user:eve`}")), 401,
                "not-authenticated");
    }

    @Test
    void registering_without_credentials_is_401() {
        String account = accountWithActors();

        expectProblem(api.post(actors(account), null, json("{`actorId`:`user:eve`}")), 401, "not-authenticated");
    }

    @Test
    void an_actor_header_that_is_not_an_actor_id_is_401_saying_so() {
        String account = accountWithActors();

        JsonNode problem = expectProblem(api.post(actors(account), "alice", json("{`actorId`:`user:eve`}")), 401,
                "not-authenticated");
        assertThat(problem.path("detail").asText()).contains("X-OperaDB-Actor");
    }

    @Test
    void registering_in_an_unknown_account_is_401_as_nobody_there_can_sign() {
        expectProblem(api.post(actors(newAccountName()), OWNER, json("{`actorId`:`user:eve`}")), 401,
                "not-authenticated");
    }

    @Test
    void registering_an_invalid_actor_is_400_naming_the_fields() {
        String account = accountWithActors();

        JsonNode problem = expectProblem(api.post(actors(account), OWNER,
                json("{`actorId`:`eve`,`roles`:`admin`,`keys`:[{`type`:`ed25519`,`publicKey`:`short`}]}")), 400,
                "invalid-input");

        assertThat(errorPaths(problem)).containsExactlyInAnyOrder("actorId", "roles", "keys[0].publicKey");
    }

    static String actors(String account) {
        return "/api/accounts/" + account + "/actors";
    }

    static String ownerBody(String account, String owner) {
        return json("{`account`:`" + account + "`,`owner`:{`actorId`:`" + owner + "`,`keys`:" + TestIdentities.keysJson(owner) + "}}");
    }
}
