package io.operadb.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small JSON client for the two APIs, as an outside user would call them. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String actor;
    private String account;

    Http(String base) {
        this.base = base;
    }

    /** The same client, signing each request as {@code actor} with its test key (see TestIdentities). */
    Http as(String actor) {
        Http copy = copy();
        copy.actor = actor;
        return copy;
    }

    /** For paths without an account ({@code /api/admin/…}): the account the signed requests act in. */
    Http inAccount(String account) {
        Http copy = copy();
        copy.account = account;
        return copy;
    }

    Http header(String name, String value) {
        Http copy = copy();
        copy.headers.put(name, value);
        return copy;
    }

    private Http copy() {
        Http copy = new Http(base);
        copy.headers.putAll(headers);
        copy.actor = actor;
        copy.account = account;
        return copy;
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), "GET", path, new byte[0]);
    }

    Response post(String path, String json) {
        byte[] body = json == null ? new byte[0] : json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)),
                "POST", path, body);
    }

    /** Sends exactly these headers and body bytes (no signing): for requests a test or another client signed. */
    Response raw(String method, String path, byte[] body, Map<String, String> rawHeaders) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        rawHeaders.forEach(builder::header);
        return send(builder, method, path, body);
    }

    /** The same client sending a bearer token instead of signing. */
    Http withToken(String token) {
        Http copy = copy();
        copy.actor = null;
        copy.headers.put("Authorization", "Bearer " + token);
        return copy;
    }

    private Response send(HttpRequest.Builder builder, String method, String path, byte[] body) {
        if (actor != null) {
            io.operadb.signing.TestIdentities.headers(actor, method, path, body, account).forEach(builder::header);
        }
        headers.forEach(builder::header);
        builder.timeout(Duration.ofSeconds(30));
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, String contentType, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
