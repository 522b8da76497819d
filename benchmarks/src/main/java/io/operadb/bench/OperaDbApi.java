package io.operadb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.operadb.signing.RequestSigner;
import io.operadb.signing.SigningKey;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The requests of OperaDB's two HTTP APIs that the benchmark sends, built the way an outside client builds them.
 * Building is separate from sending so the load driver can time nothing but the exchange.
 */
final class OperaDbApi {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Tokens last 15 minutes by default; a run takes a fresh one well before that. */
    /** Between reads while waiting for the projection: often enough, without taking its CPU. */
    private static final long POLL_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(20);
    private static final long TOKEN_REFRESH_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(10);

    private final String commandUrl;
    private final String queryUrl;
    private final String account;
    /** The benchmark's one actor signs its account into being and its logins; everything else uses a token. */
    private final SigningKey key;
    private final HttpClient loginClient = HttpClient.newHttpClient();
    private volatile String token;
    private volatile long tokenAt;

    OperaDbApi(String commandUrl, String queryUrl, String account) {
        this(commandUrl, queryUrl, account, SigningKey.generate(SigningKey.ED25519));
    }

    private OperaDbApi(String commandUrl, String queryUrl, String account, SigningKey key) {
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
        this.account = account;
        this.key = key;
    }

    /** The same account and key on services that moved (restarted on other ports). */
    OperaDbApi movedTo(String newCommandUrl, String newQueryUrl) {
        return new OperaDbApi(newCommandUrl, newQueryUrl, account, key);
    }

    /**
     * A bearer token for the actor, as a high-throughput client would use: one signed login, then an HMAC check per
     * request on the server instead of a signature verification.
     */
    private String bearer(String actor) {
        if (token == null || System.nanoTime() - tokenAt > TOKEN_REFRESH_NANOS) {
            synchronized (this) {
                if (token == null || System.nanoTime() - tokenAt > TOKEN_REFRESH_NANOS) {
                    String path = "/api/accounts/" + account + "/token";
                    HttpRequest.Builder login = LoadDriver.request(commandUrl + path)
                            .POST(HttpRequest.BodyPublishers.noBody());
                    new RequestSigner(actor, key).headers("POST", path, new byte[0], account).forEach(login::header);
                    token = call(loginClient, login.build()).path("token").asText();
                    tokenAt = System.nanoTime();
                }
            }
        }
        return "Bearer " + token;
    }

    String account() {
        return account;
    }

    /** Signed by the owner with the key it registers: the proof of possession account creation asks for. */
    HttpRequest createAccount(String owner) {
        String body;
        try {
            body = JSON.writeValueAsString(java.util.Map.of("account", account,
                    "owner", java.util.Map.of("actorId", owner, "keys", java.util.List.of(key.publicPart()))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest.Builder builder = LoadDriver.request(commandUrl + "/api/accounts")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        new RequestSigner(owner, key).headers("POST", "/api/accounts", bytes, account).forEach(builder::header);
        return builder.build();
    }

    HttpRequest publishSchema(String admin, String schemaJson) {
        return post(commandUrl + "/api/accounts/" + account + "/schemas", admin, schemaJson);
    }

    HttpRequest create(String actor, String schema, String id, String dataJson) {
        return post(commandUrl + "/api/accounts/" + account + "/entities/" + schema, actor,
                "{\"id\":\"" + id + "\",\"data\":" + dataJson + "}");
    }

    HttpRequest act(String actor, String schema, String id, String action, String dataJson) {
        return post(commandUrl + "/api/accounts/" + account + "/entities/" + schema + "/" + id + "/" + action, actor,
                "{\"data\":" + dataJson + "}");
    }

    /** {@code query} is appended as given ("?minVersion=3", "/events?limit=500"...). */
    HttpRequest entity(String actor, String schema, String idAndQuery) {
        return get(queryUrl + "/api/accounts/" + account + "/entities/" + schema + "/" + idAndQuery, actor);
    }

    HttpRequest list(String actor, String schema, String query) {
        return get(queryUrl + "/api/accounts/" + account + "/entities/" + schema + "?" + query, actor);
    }

    HttpRequest startReplay(String actor) {
        return LoadDriver.request(queryUrl + "/api/admin/replay").header("Authorization", bearer(actor))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    HttpRequest replayStatus(String actor) {
        return get(queryUrl + "/api/admin/replay", actor);
    }

    /**
     * Waits until the query side shows the entity at {@code version} or later. The projection applies events in
     * store order, so once it does, everything appended before that version's event is in the read model too.
     */
    void awaitVersion(HttpClient client, String actor, String schema, String id, long version, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpRequest read = entity(actor, schema, id + "?minVersion=" + version);
        while (true) {
            try {
                call(client, read);
                return;
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the projection did not catch up within " + limit, notYet);
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
        }
    }

    /** Sends one request outside any measurement and insists on a 2xx answer. */
    static JsonNode call(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + answer.statusCode() + ": " + answer.body());
            }
            return answer.body() == null || answer.body().isBlank() ? JSON.nullNode() : JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The entity version in a receipt, found without a JSON parser: the driver shares the machine with the
     * service, and parsing every receipt of a 32-client load would take CPU from what is measured.
     */
    static long receiptVersion(String body) {
        int at = body.indexOf("\"version\":");
        if (at < 0) {
            return -1;
        }
        int i = at + "\"version\":".length();
        long version = 0;
        while (i < body.length() && Character.isDigit(body.charAt(i))) {
            version = version * 10 + (body.charAt(i++) - '0');
        }
        return version;
    }

    private HttpRequest post(String url, String actor, String json) {
        return LoadDriver.request(url).header("Content-Type", "application/json").header("Authorization", bearer(actor))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private HttpRequest get(String url, String actor) {
        return LoadDriver.request(url).header("Authorization", bearer(actor)).GET().build();
    }
}
