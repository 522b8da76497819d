package io.operadb.launcher;

import io.operadb.signing.TestIdentities;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each built-in module through the HTTP APIs, with its refusals: asset, commodity, data (credential), contract (its
 * workflow), group (roles granted to members) and actor profile. Nothing is published by the test.
 */
class BuiltinModulesEndToEndTest {

    private static final String ACCOUNT = "modules";
    private static final String BASE = "/api/accounts/" + ACCOUNT + "/entities/";
    private static final String OWNER = "user:owner";

    private static Http commands;
    private static Http queries;

    @BeforeAll
    static void setUp() {
        commands = SharedOperaDb.commands();
        queries = SharedOperaDb.queries().as(OWNER);
        assertThat(commands.as(OWNER).post("/api/accounts",
                "{\"account\":\"" + ACCOUNT + "\",\"owner\":{\"actorId\":\"" + OWNER + "\",\"keys\":"
                        + TestIdentities.keysJson(OWNER) + "}}").status()).isEqualTo(201);
        for (String actor : List.of("user:alice", "user:bob", "user:carol", "user:dave", "svc:kyc")) {
            assertThat(commands.as(OWNER).post("/api/accounts/" + ACCOUNT + "/actors",
                    "{\"actorId\":\"" + actor + "\",\"roles\":" + (actor.equals("user:dave") ? "[\"approver\"]" : "[]")
                            + ",\"keys\":" + TestIdentities.keysJson(actor) + "}").status()).isEqualTo(201);
        }
    }

    private static Http.Response post(String actor, String path, String body) {
        return commands.as(actor).post(BASE + path, body);
    }

    private static JsonNode ok(String actor, String path, String body) {
        Http.Response response = post(actor, path, body);
        assertThat(response.status()).as("%s by %s: %s", path, actor, response).isIn(200, 201);
        return response.json();
    }

    private static String refused(String actor, String path, String body, int status) {
        Http.Response response = post(actor, path, body);
        assertThat(response.status()).as("%s by %s: %s", path, actor, response).isEqualTo(status);
        return response.json().path("detail").asText();
    }

    private static JsonNode state(String schema, String id, long version) {
        JsonNode entity = queries.get(BASE + schema + "/" + id + "?minVersion=" + version).json();
        assertThat(entity.get("version").asLong()).isEqualTo(version);
        return entity.get("state");
    }

    @Test
    void every_account_lists_the_seven_modules_at_once() {
        JsonNode items = queries.get("/api/accounts/" + ACCOUNT + "/schemas").json().get("items");
        List<String> ids = new ArrayList<>();
        items.forEach(item -> {
            ids.add(item.get("schemaId").asText());
            assertThat(item.get("publishedBy").asText()).isEqualTo("system:operadb");
            assertThat(item.get("description").asText()).isNotBlank();
        });
        assertThat(ids).containsExactlyInAnyOrder("actor", "asset", "coin", "commodity", "contract", "data", "group");
        JsonNode coin = queries.get("/api/accounts/" + ACCOUNT + "/schemas/coin").json();
        assertThat(coin.get("fields").get("symbol").get("unique").asBoolean()).isTrue();
    }

    @Test
    void an_asset_moves_only_by_its_owner_and_stays_burned() {
        ok("user:alice", "asset", "{\"id\":\"deed-7\",\"data\":{\"name\":\"Deed 7\",\"metadata\":{\"parcel\":\"7-b\","
                + "\"area\":812.25}}}");
        refused("user:bob", "asset/deed-7/transfer", "{\"data\":{\"to\":\"user:bob\"}}", 403);
        ok("user:alice", "asset/deed-7/transfer", "{\"data\":{\"to\":\"user:bob\"}}");
        refused("user:alice", "asset/deed-7/burn", "{}", 403);
        ok("user:bob", "asset/deed-7/burn", "{}");
        assertThat(refused("user:bob", "asset/deed-7/transfer", "{\"data\":{\"to\":\"user:alice\"}}", 422))
                .isEqualTo("the asset is burned");
        JsonNode deed = state("asset", "deed-7", 3);
        assertThat(deed.get("owner").asText()).isEqualTo("user:bob");
        assertThat(deed.get("burned").asBoolean()).isTrue();
        assertThat(deed.get("metadata").get("area").asText()).isEqualTo("812.25");
    }

    @Test
    void a_commodity_keeps_exact_holdings_and_refuses_more_than_a_holding() {
        ok("user:alice", "commodity", "{\"id\":\"gold\",\"data\":{\"name\":\"Gold\",\"unit\":\"g\"}}");
        ok("user:alice", "commodity/gold/mint", "{\"data\":{\"to\":\"user:bob\",\"qty\":\"10.5\"}}");
        refused("user:bob", "commodity/gold/mint", "{\"data\":{\"to\":\"user:bob\",\"qty\":1}}", 403);
        ok("user:bob", "commodity/gold/transfer", "{\"data\":{\"to\":\"user:carol\",\"qty\":\"0.25\"}}");
        assertThat(refused("user:carol", "commodity/gold/transfer", "{\"data\":{\"to\":\"user:bob\",\"qty\":1}}", 422))
                .startsWith("insufficient holding");
        ok("user:carol", "commodity/gold/burn", "{\"data\":{\"qty\":\"0.05\"}}");
        JsonNode gold = state("commodity", "gold", 4);
        assertThat(gold.get("holdings").get("user:bob").asText()).isEqualTo("10.25");
        assertThat(gold.get("holdings").get("user:carol").asText()).isEqualTo("0.2");
        assertThat(gold.get("totalQuantity").asText()).isEqualTo("10.45");
        assertThat(gold.get("unit").asText()).isEqualTo("g");
    }

    @Test
    void a_credential_is_revoked_once_by_its_issuer_at_the_events_time() {
        ok("svc:kyc", "data", "{\"id\":\"kyc-alice\",\"data\":{\"owner\":\"user:alice\","
                + "\"type\":[\"VerifiableCredential\",\"KycCheck\"],\"content\":{\"level\":2},\"visibility\":\"private\"}}");
        refused("user:alice", "data/kyc-alice/revoke", "{\"data\":{\"reason\":\"mine\"}}", 403);
        refused("svc:kyc", "data/kyc-alice/revoke", "{\"data\":{}}", 400);
        JsonNode receipt = ok("svc:kyc", "data/kyc-alice/revoke", "{\"data\":{\"reason\":\"document expired\"}}");
        assertThat(refused("svc:kyc", "data/kyc-alice/revoke", "{\"data\":{\"reason\":\"again\"}}", 422))
                .isEqualTo("the credential is already revoked");
        JsonNode vc = state("data", "kyc-alice", 2);
        assertThat(vc.get("issuer").asText()).isEqualTo("svc:kyc");
        assertThat(vc.get("owner").asText()).isEqualTo("user:alice");
        assertThat(vc.get("visibility").asText()).isEqualTo("private");
        assertThat(vc.get("revoked").asBoolean()).isTrue();
        assertThat(vc.get("revocationReason").asText()).isEqualTo("document expired");
        assertThat(java.time.Instant.parse(vc.get("revokedAt").asText()))
                .isEqualTo(java.time.Instant.parse(receipt.get("timestamp").asText()));
        JsonNode privateOnes = queries.get(BASE + "data?state.visibility=private&state.owner=user:alice").json();
        assertThat(privateOnes.get("items")).extracting(i -> i.get("id").asText()).containsExactly("kyc-alice");
    }

    @Test
    void a_contract_moves_through_its_workflow_with_approvers_granted_by_a_group() {
        // carol becomes an approver through a group; dave is one by registration
        refused("user:alice", "group", "{\"id\":\"approvers\",\"data\":{\"name\":\"Approvers\",\"roles\":[\"approver\"],"
                + "\"members\":[\"user:alice\"]}}", 403);
        ok(OWNER, "group", "{\"id\":\"approvers\",\"data\":{\"name\":\"Approvers\",\"roles\":[\"approver\"]}}");

        ok("user:alice", "contract", "{\"id\":\"k-1\",\"data\":{\"title\":\"Supply\",\"parties\":[\"user:alice\","
                + "\"user:bob\"],\"terms\":{\"price\":12.5,\"currency\":\"CHF\"},"
                + "\"effectiveDate\":\"2026-02-01T00:00:00Z\"}}");
        assertThat(refused("user:dave", "contract/k-1/approve", "{}", 422))
                .isEqualTo("cannot move this contract from 'draft' to 'approved' (only from submitted)");
        refused("user:carol", "contract/k-1/submit", "{}", 403);
        ok("user:bob", "contract/k-1/submit", "{}");
        ok("user:dave", "contract/k-1/approve", "{}");
        assertThat(refused("user:dave", "contract/k-1/approve", "{}", 422)).contains("already approved");
        refused("user:carol", "contract/k-1/approve", "{}", 403);
        ok(OWNER, "group/approvers/addMember", "{\"data\":{\"member\":\"user:carol\"}}");
        ok("user:carol", "contract/k-1/approve", "{}");
        assertThat(state("contract", "k-1", 4).get("status").asText()).isEqualTo("approved");

        refused("user:dave", "contract/k-1/sign", "{}", 403);
        ok("user:alice", "contract/k-1/sign", "{}");
        assertThat(state("contract", "k-1", 5).get("status").asText()).isEqualTo("approved");
        ok("user:bob", "contract/k-1/sign", "{}");
        assertThat(refused("user:bob", "contract/k-1/reject", "{\"data\":{\"reason\":\"late\"}}", 422))
                .isEqualTo("this contract is 'signed', a final step: nothing moves after it");
        JsonNode contract = state("contract", "k-1", 6);
        assertThat(contract.get("status").asText()).isEqualTo("signed");
        assertThat(contract.get("signedBy")).extracting(JsonNode::asText).containsExactly("user:alice", "user:bob");
        assertThat(contract.get("approvedBy")).extracting(JsonNode::asText).containsExactly("user:dave", "user:carol");
        assertThat(contract.get("terms").get("price").asText()).isEqualTo("12.5");
        assertThat(contract.has("_workflow")).isFalse();
        JsonNode signed = queries.get(BASE + "contract?state.status=signed").json();
        assertThat(signed.get("items")).extracting(i -> i.get("id").asText()).contains("k-1");
    }

    @Test
    void a_rejected_contract_returns_to_draft_with_its_reason_and_pending_approvals_show_in_its_state() {
        ok("user:alice", "contract", "{\"id\":\"k-2\",\"data\":{\"title\":\"Lease\",\"parties\":[\"user:alice\"],"
                + "\"terms\":{}}}");
        ok("user:alice", "contract/k-2/submit", "{}");
        ok("user:dave", "contract/k-2/approve", "{}");
        JsonNode pending = state("contract", "k-2", 3);
        assertThat(pending.get("_workflow").get("approvals").get("approved")).extracting(JsonNode::asText)
                .containsExactly("user:dave");
        ok("user:dave", "contract/k-2/reject", "{\"data\":{\"reason\":\"missing annex\"}}");
        JsonNode rejected = state("contract", "k-2", 4);
        assertThat(rejected.get("status").asText()).isEqualTo("draft");
        assertThat(rejected.get("rejection").get("reason").asText()).isEqualTo("missing annex");
        assertThat(rejected.has("_workflow")).isFalse();
        ok("user:alice", "contract/k-2/amend", "{\"data\":{\"terms\":{\"annex\":\"A\"}}}");
        assertThat(state("contract", "k-2", 5).get("terms").get("annex").asText()).isEqualTo("A");
    }

    @Test
    void a_profile_per_actor_edited_by_that_actor() {
        ok("user:bob", "actor", "{\"id\":\"user:bob\",\"data\":{\"name\":\"Bob Builder\",\"label\":\"Bob\","
                + "\"organisation\":{\"name\":\"Builders Ltd\",\"country\":\"GB\"}}}");
        assertThat(post("user:bob", "actor", "{\"id\":\"bob-again\",\"data\":{\"name\":\"Bob\"}}").status())
                .isEqualTo(409);
        refused("user:alice", "actor", "{\"id\":\"x\",\"data\":{\"actorId\":\"user:carol\",\"name\":\"Carol\"}}", 403);
        refused("user:alice", "actor/user:bob/update", "{\"data\":{\"note\":\"hi\"}}", 403);
        ok("user:bob", "actor/user:bob/addContact", "{\"data\":{\"contact\":{\"name\":\"Wendy\","
                + "\"email\":\"wendy@builders.example\",\"role\":\"assistant\"}}}");
        refused("user:bob", "actor/user:bob/setStatus", "{\"data\":{\"status\":\"inactive\"}}", 403);
        ok(OWNER, "actor/user:bob/setStatus", "{\"data\":{\"status\":\"inactive\"}}");
        JsonNode profile = state("actor", "user:bob", 3);
        assertThat(profile.get("actorId").asText()).isEqualTo("user:bob");
        assertThat(profile.get("status").asText()).isEqualTo("inactive");
        assertThat(profile.get("organisation").get("name").asText()).isEqualTo("Builders Ltd");
        assertThat(profile.get("contacts").get(0).get("email").asText()).isEqualTo("wendy@builders.example");
    }
}
