package io.operadb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The requests of OperaDB's two HTTP APIs that the benchmark sends, built the way an outside client builds them.
 * Building is separate from sending so the load driver can time nothing but the exchange.
 */
final class OperaDbApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACTOR_HEADER = "X-OperaDB-Actor";

    private final String commandUrl;
    private final String queryUrl;
    private final String account;

    OperaDbApi(String commandUrl, String queryUrl, String account) {
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
        this.account = account;
    }

    String account() {
        return account;
    }

    HttpRequest createAccount(String owner) {
        return post(commandUrl + "/api/accounts", null,
                "{\"account\":\"" + account + "\",\"owner\":{\"actorId\":\"" + owner + "\",\"keys\":[]}}");
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
        return LoadDriver.request(queryUrl + "/api/admin/replay").header(ACTOR_HEADER, actor)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    HttpRequest replayStatus(String actor) {
        return get(queryUrl + "/api/admin/replay", actor);
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

    private static HttpRequest post(String url, String actor, String json) {
        HttpRequest.Builder builder = LoadDriver.request(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (actor != null) {
            builder.header(ACTOR_HEADER, actor);
        }
        return builder.build();
    }

    private static HttpRequest get(String url, String actor) {
        return LoadDriver.request(url).header(ACTOR_HEADER, actor).GET().build();
    }
}
