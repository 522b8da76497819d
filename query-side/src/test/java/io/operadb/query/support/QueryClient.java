package io.operadb.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * A plain HTTP client for the query API that sends the path and query exactly as written: raw brackets
 * ({@code state.qty[gte]=5}) stay raw, percent-encoded ones stay encoded, so both spellings can be tested.
 */
public final class QueryClient {

    private final int port;
    private final String actor;
    private final String account;
    private final String token;

    public QueryClient(int port, String actor) {
        this(port, actor, null, null);
    }

    private QueryClient(int port, String actor, String account, String token) {
        this.port = port;
        this.actor = actor;
        this.account = account;
        this.token = token;
    }

    /** The same client without credentials. */
    public QueryClient anonymous() {
        return new QueryClient(port, null, account, null);
    }

    /** The same client, signing each request as {@code otherActor} with its test key (see TestIdentities). */
    public QueryClient as(String otherActor) {
        return new QueryClient(port, otherActor, account, null);
    }

    /** For paths without an account ({@code /api/admin/…}): the account the signed requests act in. */
    public QueryClient inAccount(String otherAccount) {
        return new QueryClient(port, actor, otherAccount, token);
    }

    /** The same client sending {@code Authorization: Bearer <token>} instead of signing. */
    public QueryClient withToken(String bearer) {
        return new QueryClient(port, null, account, bearer);
    }

    public Response get(String pathAndQuery) {
        return send("GET", pathAndQuery);
    }

    public Response post(String pathAndQuery) {
        return send("POST", pathAndQuery);
    }

    /** Percent-encodes a query value (or name) the way a form encoder would. */
    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("deprecation")
    private Response send(String method, String pathAndQuery) {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL("http://localhost:" + port + pathAndQuery)
                    .openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(60_000);
            connection.setRequestProperty("Accept", "application/json, application/problem+json");
            if (actor != null) {
                io.operadb.signing.TestIdentities.headers(actor, method, pathAndQuery, new byte[0], account)
                        .forEach(connection::setRequestProperty);
            }
            if (token != null) {
                connection.setRequestProperty("Authorization", "Bearer " + token);
            }
            if ("POST".equals(method)) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                connection.getOutputStream().close();
            }
            int status = connection.getResponseCode();
            InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String text = stream == null ? "" : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            JsonNode body = text.isBlank() ? MissingNode.getInstance() : CommandSideStandIn.JSON.readTree(text);
            return new Response(status, connection.getContentType(), connection.getHeaderField("ETag"), body, text);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery, e);
        }
    }

    public record Response(int status, String contentType, String etag, JsonNode body, String text) {

        public boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        /** The {@code errors[].path} of a problem. */
        public List<String> errorPaths() {
            JsonNode errors = body.path("errors");
            List<String> paths = new ArrayList<>();
            errors.forEach(e -> paths.add(e.path("path").asText()));
            return paths;
        }

        public String problemType() {
            return body.path("type").asText();
        }

        public List<JsonNode> items() {
            return StreamSupport.stream(body.path("items").spliterator(), false).toList();
        }

        public List<String> itemIds() {
            return items().stream().map(i -> i.path("id").asText()).toList();
        }

        public String next() {
            JsonNode next = body.path("next");
            return next.isNull() || next.isMissingNode() ? null : next.asText();
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }
}
