package io.operadb.command.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.signature.SignatureMetadata;
import io.operadb.signing.CanonicalRequest;
import io.operadb.signing.RequestSigner;
import io.operadb.signing.SigningKey;
import io.operadb.signing.TestIdentities;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.operadb.command.api.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Authentication on the command API: signed requests, tokens, actor status, and hostile input. */
class SecurityApiTest extends CommandApiTest {

    private static final String TITLE_BODY = json("{`data`:{`title`:`signed`}}");

    private Map<String, String> signed(String actor, String method, String path, String body) {
        Map<String, String> headers = new HashMap<>(TestIdentities.headers(actor, method, path,
                body.getBytes(StandardCharsets.UTF_8), null));
        headers.put("Content-Type", "application/json");
        return headers;
    }

    @Nested
    class SignedRequests {

        @Test
        void the_interim_actor_header_alone_is_401() {
            String account = accountWithTickets();
            HttpApi.Response response = api.raw("POST", entities(account), TITLE_BODY.getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", "application/json", RequestSigner.ACTOR, LEAD));
            expectProblem(response, 401, "not-authenticated");
            assertThat(response.header("WWW-Authenticate")).isPresent();
        }

        @Test
        void no_credentials_at_all_is_401_on_every_command_path() {
            String account = accountWithTickets();
            for (String path : List.of("/api/accounts", "/api/accounts/" + account + "/actors",
                    "/api/accounts/" + account + "/schemas", entities(account), action(account, "x", "assign"),
                    "/api/accounts/" + account + "/token")) {
                expectProblem(api.post(path, null, "{}"), 401, "not-authenticated");
            }
        }

        @Test
        void a_timestamp_more_than_five_minutes_away_is_401() {
            String account = accountWithTickets();
            long stale = System.currentTimeMillis() - 6 * 60_000;
            Map<String, String> headers = new HashMap<>(new RequestSigner(LEAD, TestIdentities.keyOf(LEAD)).headers(
                    "POST", entities(account), TITLE_BODY.getBytes(StandardCharsets.UTF_8), account, stale,
                    RequestSigner.newNonce()));
            headers.put("Content-Type", "application/json");
            JsonNode problem = expectProblem(api.raw("POST", entities(account),
                    TITLE_BODY.getBytes(StandardCharsets.UTF_8), headers), 401, "not-authenticated");
            assertThat(problem.path("detail").asText()).contains("Timestamp");
        }

        @Test
        void a_nonce_seen_before_is_401_and_the_replayed_request_changes_nothing() {
            String account = accountWithTickets();
            Map<String, String> headers = signed(LEAD, "POST", entities(account), TITLE_BODY);
            byte[] body = TITLE_BODY.getBytes(StandardCharsets.UTF_8);
            String id = expectStatus(api.raw("POST", entities(account), body, headers), 201).json().path("id").asText();

            JsonNode problem = expectProblem(api.raw("POST", entities(account), body, headers), 401,
                    "not-authenticated");
            assertThat(problem.path("detail").asText()).contains("nonce");
            assertThat(id).isNotBlank();
        }

        /** Opens a ticket as the lead, correctly signed, but with {@code key}, which the lead may not hold. */
        private HttpApi.Response openSignedByLeadWith(SigningKey key, String account) {
            byte[] body = TITLE_BODY.getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new HashMap<>(new RequestSigner(LEAD, key).headers("POST",
                    entities(account), body, account));
            headers.put("Content-Type", "application/json");
            return api.raw("POST", entities(account), body, headers);
        }

        @Test
        void a_signature_by_a_key_the_actor_does_not_hold_is_401() {
            String account = accountWithTickets();
            expectProblem(openSignedByLeadWith(SigningKey.generate(SigningKey.ED25519), account), 401,
                    "not-authenticated");
        }

        @Test
        void a_wallet_signature_for_a_named_actor_without_that_address_is_401() {
            String account = accountWithTickets();
            expectProblem(openSignedByLeadWith(SigningKey.generate(SigningKey.SECP256K1), account), 401,
                    "not-authenticated");
        }

        @Test
        void malformed_signatures_are_401_saying_what_is_wrong() {
            String account = accountWithTickets();
            for (String signature : List.of("0x1234", "not base64 at all!", "AAAA", "0x" + "zz".repeat(65))) {
                Map<String, String> headers = signed(LEAD, "POST", entities(account), TITLE_BODY);
                headers.put(RequestSigner.SIGNATURE, signature);
                JsonNode problem = expectProblem(api.raw("POST", entities(account),
                        TITLE_BODY.getBytes(StandardCharsets.UTF_8), headers), 401, "not-authenticated");
                assertThat(problem.path("detail").asText()).as(signature).containsAnyOf("malformed", "not made by");
            }
        }

        @Test
        void a_body_changed_after_signing_is_401_and_nothing_is_written() {
            String account = accountWithTickets();
            Map<String, String> headers = signed(LEAD, "POST", entities(account),
                    json("{`id`:`T-9`,`data`:{`title`:`a`}}"));
            expectProblem(api.raw("POST", entities(account),
                    json("{`id`:`T-9`,`data`:{`title`:`b`}}").getBytes(StandardCharsets.UTF_8), headers), 401,
                    "not-authenticated");
            assertThat(storedEvents(account, "ticket", "T-9")).isEmpty();
        }

        @Test
        void an_event_keeps_the_signed_request_that_caused_it() {
            String account = accountWithTickets();
            HttpApi.Response created = openTicket(account, "T-1", "kept");
            DomainEventMessage<?> event = storedEvents(account, "ticket", "T-1").get(0);

            String canonical = (String) event.getMetaData().get(SignatureMetadata.SIGNED_REQUEST);
            assertThat(CanonicalRequest.parse(canonical)).hasValueSatisfying(request -> {
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.pathWithQuery()).isEqualTo(entities(account));
                assertThat(request.account()).isEqualTo(account);
            });
            assertThat(event.getMetaData().get(SignatureMetadata.KEY))
                    .isEqualTo(TestIdentities.keyOf(LEAD).publicPart().get("publicKey"));
            assertThat((String) event.getMetaData().get(SignatureMetadata.BODY)).contains("kept");
            assertThat(created.json().path("eventId").asText())
                    .isEqualTo(((io.operadb.api.entity.EntityEvent) event.getPayload()).eventId());
        }
    }

    @Nested
    class AccountCreation {

        @Test
        void creating_an_account_signed_by_a_key_not_in_the_owner_body_is_401() {
            String account = newAccountName();
            String body = json("{`account`:`" + account + "`,`owner`:{`actorId`:`user:x`,`keys`:"
                    + TestIdentities.keysJson("user:y") + "}}");
            expectProblem(api.post("/api/accounts", "user:x", body), 401, "not-authenticated");
        }

        @Test
        void creating_an_account_signed_by_someone_other_than_the_owner_is_403() {
            String account = newAccountName();
            expectProblem(api.post("/api/accounts", "user:y", AccountApiTest.ownerBody(account, "user:x")), 403,
                    "forbidden");
        }

        @Test
        void a_wallet_creates_an_account_with_no_keys_listed_its_address_is_its_key() {
            String wallet = TestIdentities.wallet("bare-wallet");
            String account = newAccountName();
            expectStatus(api.post("/api/accounts", wallet,
                    json("{`account`:`" + account + "`,`owner`:{`actorId`:`" + wallet + "`}}")), 201);
            expectStatus(api.post(AccountApiTest.actors(account), wallet,
                    json("{`actorId`:`user:z`,`keys`:" + TestIdentities.keysJson("user:z") + "}")), 201);
        }

        @Test
        void a_token_cannot_create_an_account() {
            String token = api.token(accountWithActors(), OWNER);
            expectProblem(api.postWithToken("/api/accounts", token, AccountApiTest.ownerBody(newAccountName(), OWNER)),
                    401, "not-authenticated");
        }
    }

    @Nested
    class Tokens {

        @Test
        void a_signed_login_returns_a_short_lived_token_that_acts_as_the_actor() {
            String account = accountWithTickets();
            HttpApi.Response login = expectStatus(api.post("/api/accounts/" + account + "/token", LEAD, null), 200);
            assertThat(login.json().path("expiresAt").asText()).isNotBlank();
            String token = login.json().path("token").asText();

            HttpApi.Response created = expectStatus(api.postWithToken(entities(account), token, TITLE_BODY), 201);
            String id = created.json().path("id").asText();
            assertThat(storedEvents(account, "ticket", id).get(0).getPayload().toString()).contains(LEAD);
            // a token's events carry no signature: only a signed request's do
            assertThat(storedEvents(account, "ticket", id).get(0).getMetaData())
                    .doesNotContainKey(SignatureMetadata.SIGNATURE);
        }

        @Test
        void a_token_cannot_renew_itself() {
            String account = accountWithActors();
            String token = api.token(account, LEAD);
            expectProblem(api.postWithToken("/api/accounts/" + account + "/token", token, null), 401,
                    "not-authenticated");
        }

        @Test
        void a_tampered_or_garbage_token_is_401() {
            String account = accountWithTickets();
            String token = api.token(account, LEAD);
            String[] parts = token.split("\\.");
            String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("{\"iss\":\"operadb\",\"sub\":\"" + OWNER + "\",\"account\":\"" + account
                            + "\",\"exp\":9999999999}").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
            expectProblem(api.postWithToken(entities(account), forged, TITLE_BODY), 401, "not-authenticated");
            expectProblem(api.postWithToken(entities(account), "garbage", TITLE_BODY), 401, "not-authenticated");
        }

        @Test
        void a_token_of_one_account_finds_nothing_in_another() {
            String mine = accountWithTickets();
            String theirs = accountWithTickets();
            String token = api.token(mine, OWNER);
            expectProblem(api.postWithToken(entities(theirs), token, TITLE_BODY), 404, "unknown-account");
            expectProblem(api.postWithToken("/api/accounts/" + theirs + "/actors", token,
                    json("{`actorId`:`user:mole`,`roles`:[`admin`]}")), 404, "unknown-account");
        }
    }

    @Nested
    class ActorStatus {

        @Test
        void a_suspended_actor_can_do_nothing_until_reactivated() {
            String account = accountWithTickets();
            String token = api.token(account, LEAD);
            HttpApi.Response suspended = expectStatus(api.post(AccountApiTest.actors(account) + "/" + LEAD
                    + "/suspend", OWNER, null), 200);
            assertThat(suspended.json().path("status").asText()).isEqualTo("suspended");

            expectProblem(api.post(entities(account), LEAD, TITLE_BODY), 403, "forbidden");
            expectProblem(api.postWithToken(entities(account), token, TITLE_BODY), 403, "forbidden");
            expectProblem(api.post("/api/accounts/" + account + "/token", LEAD, null), 403, "forbidden");

            expectStatus(api.post(AccountApiTest.actors(account) + "/" + LEAD + "/reactivate", OWNER, null), 200);
            expectStatus(api.postWithToken(entities(account), token, TITLE_BODY), 201);
        }

        @Test
        void only_an_admin_suspends_and_the_last_active_admin_cannot_be_suspended_or_demoted() {
            String account = accountWithActors();
            expectProblem(api.post(AccountApiTest.actors(account) + "/" + BOB + "/suspend", LEAD, null), 403,
                    "forbidden");
            expectProblem(api.post(AccountApiTest.actors(account) + "/" + OWNER + "/suspend", OWNER, null), 422,
                    "guard-failed");
            expectProblem(api.post(AccountApiTest.actors(account), OWNER, json("{`actorId`:`" + OWNER
                    + "`,`roles`:[],`keys`:" + TestIdentities.keysJson(OWNER) + "}")), 422, "guard-failed");
            expectProblem(api.post(AccountApiTest.actors(account) + "/user:nobody/suspend", OWNER, null), 404,
                    "not-found");
        }
    }

    @Nested
    class HostileInput {

        @Test
        void a_body_over_one_mebibyte_is_413_and_nothing_is_written() {
            String account = accountWithTickets();
            String big = json("{`id`:`BIG`,`data`:{`title`:`" + "x".repeat(1_100_000) + "`}}");
            expectProblem(api.post(entities(account), LEAD, big), 413, "payload-too-large");
            assertThat(storedEvents(account, "ticket", "BIG")).isEmpty();
        }

        @Test
        void deeply_nested_json_is_400() {
            String account = accountWithTickets();
            String deep = "{\"data\":{\"title\":" + "[".repeat(100) + "]".repeat(100) + "}}";
            expectProblem(api.post(entities(account), LEAD, deep), 400, "invalid-input");
            String deepObject = "{\"data\":{\"title\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}}";
            JsonNode problem = expectProblem(api.post(entities(account), LEAD, deepObject), 400, "invalid-input");
            assertThat(problem.toString()).as("refused while parsing, naming the limit").contains("depth");
        }

        @Test
        void mongo_operator_and_dotted_keys_in_data_are_400_and_nothing_is_written() {
            String account = accountWithTickets();
            for (String key : List.of("$where", "$ne", "title.x")) {
                JsonNode problem = expectProblem(api.post(entities(account), LEAD,
                        "{\"id\":\"OP\",\"data\":{\"title\":\"x\",\"" + key + "\":1}}"), 400, "invalid-input");
                assertThat(errorPaths(problem)).as(key).contains("data." + key);
            }
            expectProblem(api.post(entities(account), LEAD, "{\"id\":\"OP\",\"data\":{\"title\":{\"$ne\":1}}}"),
                    400, "invalid-input");
            assertThat(storedEvents(account, "ticket", "OP")).isEmpty();
        }

        @Test
        void a_body_that_is_not_utf8_is_400() {
            String account = accountWithTickets();
            byte[] body = {'{', '"', 'd', 'a', 't', 'a', '"', ':', '{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"',
                    (byte) 0xC3, (byte) 0x28, '"', '}', '}'};
            Map<String, String> headers = new HashMap<>(TestIdentities.headers(LEAD, "POST", entities(account), body,
                    null));
            headers.put("Content-Type", "application/json");
            expectProblem(api.raw("POST", entities(account), body, headers), 400, "invalid-input");
        }
    }
}
