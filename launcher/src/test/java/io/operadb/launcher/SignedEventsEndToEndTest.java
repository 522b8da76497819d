package io.operadb.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.operadb.signing.EthersClient;
import io.operadb.signing.RequestSigner;
import io.operadb.signing.TestIdentities;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wallet signs with ethers under Node, as a browser wallet would; the server accepts it, keeps the signature with
 * the event, and anyone in the account can later check it. Editing the stored event breaks the check.
 */
class SignedEventsEndToEndTest {

    private static final String ACCOUNT = "signed";
    private static String wallet;
    private static EthersClient ethers;
    private static Http commands;
    private static Http queries;

    @BeforeAll
    static void setUp() {
        commands = SharedOperaDb.commands();
        queries = SharedOperaDb.queries();
        wallet = TestIdentities.wallet("ethers-owner");
        ethers = EthersClient.forModule(Path.of("").toAbsolutePath());
        Http.Response created = ethersRequest("POST", "/api/accounts", ACCOUNT,
                "{\"account\":\"" + ACCOUNT + "\",\"owner\":{\"actorId\":\"" + wallet + "\"}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Http.Response published = ethersRequest("POST", "/api/accounts/" + ACCOUNT + "/schemas", ACCOUNT,
                TicketWorkflowEndToEndTest.ticketSchema());
        assertThat(published.status()).as(published.toString()).isEqualTo(201);
    }

    /** A request signed by ethers' Wallet.signMessage over the canonical string the script builds itself. */
    private static Http.Response ethersRequest(String method, String path, String account, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        JsonNode signed = ethers.sign(TestIdentities.walletPrivateKey(wallet), method, path, bytes, account,
                System.currentTimeMillis(), RequestSigner.newNonce());
        Map<String, String> headers = new HashMap<>();
        signed.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        headers.put("Content-Type", "application/json");
        return commands.raw(method, path, bytes, headers);
    }

    private static JsonNode verification(String eventId) {
        Http.Response answer = queries.as(wallet).get("/api/accounts/" + ACCOUNT + "/events/" + eventId
                + "/verification");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void an_event_signed_by_an_ethers_wallet_verifies_against_the_wallets_address() {
        Http.Response opened = ethersRequest("POST", "/api/accounts/" + ACCOUNT + "/entities/ticket", ACCOUNT,
                "{\"id\":\"T-1\",\"data\":{\"title\":\"signed by a wallet\",\"points\":3}}");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);

        JsonNode verdict = verification(opened.json().path("eventId").asText());

        assertThat(verdict.path("verified").asBoolean()).as(verdict.toString()).isTrue();
        assertThat(verdict.path("actor").asText()).isEqualTo(wallet);
        assertThat(verdict.path("key").path("type").asText()).isEqualTo("secp256k1");
        assertThat(verdict.path("key").path("address").asText()).isEqualTo(wallet);
        assertThat(verdict.has("reason")).isFalse();
    }

    @Test
    void an_event_made_with_a_token_has_no_signature_to_verify() {
        String token = commands.as(wallet).post("/api/accounts/" + ACCOUNT + "/token", null).json().path("token")
                .asText();
        Http.Response opened = commands.withToken(token).post("/api/accounts/" + ACCOUNT + "/entities/ticket",
                "{\"id\":\"T-2\",\"data\":{\"title\":\"by token\"}}");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);

        JsonNode verdict = verification(opened.json().path("eventId").asText());

        assertThat(verdict.path("verified").asBoolean()).isFalse();
        assertThat(verdict.path("reason").asText()).contains("not made by a signed request");
    }

    @Test
    void a_stored_event_edited_in_mongo_fails_verification() {
        Http.Response opened = commands.as(wallet).post("/api/accounts/" + ACCOUNT + "/entities/ticket",
                "{\"id\":\"T-3\",\"data\":{\"title\":\"original title\"}}");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String eventId = opened.json().path("eventId").asText();
        assertThat(verification(eventId).path("verified").asBoolean()).isTrue();

        try (MongoClient client = MongoClients.create(SharedOperaDb.get().mongoUri())) {
            MongoCollection<Document> events = client.getDatabase("operadb").getCollection("domainevents");
            Document stored = events.find(Filters.and(Filters.eq("aggregateIdentifier", "entity:" + ACCOUNT
                    + "/ticket/T-3"), Filters.eq("sequenceNumber", 0L))).first();
            assertThat(stored).isNotNull();
            String payload = stored.get("serializedPayload").toString();
            assertThat(payload).contains("original title");
            events.updateOne(Filters.eq("_id", stored.get("_id")),
                    Updates.set("serializedPayload", payload.replace("original title", "forged title")));
        }

        JsonNode verdict = verification(eventId);
        assertThat(verdict.path("verified").asBoolean()).isFalse();
        assertThat(verdict.path("reason").asText()).contains("data differs");
    }

    @Test
    void verification_of_an_unknown_event_is_404() {
        Http.Response answer = queries.as(wallet).get("/api/accounts/" + ACCOUNT + "/events/no-such-event/verification");
        assertThat(answer.status()).isEqualTo(404);
    }
}
