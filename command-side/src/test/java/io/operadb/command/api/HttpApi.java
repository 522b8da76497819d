package io.operadb.command.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.operadb.signing.TestIdentities;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A plain HTTP client for the command API, as a user's client would call it. */
final class HttpApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    HttpApi(int port) {
        this.base = "http://localhost:" + port;
    }

    /**
     * POSTs a JSON body ({@code null}: none), signed by {@code actor} with its test key as a client would sign it;
     * {@code headers} are name, value pairs; a null actor sends no credentials.
     */
    Response post(String path, String actor, String body, String... headers) {
        return send(path, actor, "application/json", body, headers);
    }

    Response get(String path, String actor) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json").GET();
        if (actor != null) {
            TestIdentities.headers(actor, "GET", path, new byte[0], null).forEach(request::header);
        }
        return execute(request);
    }

    Response send(String path, String actor, String contentType, String body, String... headers) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (actor != null) {
            TestIdentities.headers(actor, "POST", path, bytes, null).forEach(request::header);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return execute(request);
    }

    /** A token for the actor, from a signed login. */
    String token(String account, String actor) {
        Response response = post("/api/accounts/" + account + "/token", actor, null);
        if (response.status() != 200) {
            throw new AssertionError("no token: " + response);
        }
        return response.json().path("token").asText();
    }

    /** POSTs a JSON body with a bearer token instead of a signature. */
    Response postWithToken(String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json")
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return execute(request);
    }

    /** Sends exactly the given headers and body bytes: for requests a test crafts by hand. */
    Response raw(String method, String path, byte[] body, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return execute(request);
    }

    private Response execute(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** JSON from a compact literal; back-quotes stand for double quotes. */
    static String json(String text) {
        return text.replace('`', '"');
    }

    record Response(int status, HttpResponse<String> raw, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        String contentType() {
            return header("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + body;
        }
    }
}
