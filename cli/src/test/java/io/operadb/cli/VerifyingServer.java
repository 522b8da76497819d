package io.operadb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.operadb.signing.Ed25519;
import io.operadb.signing.Eip191;
import io.operadb.signing.InvalidSignatureException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the command API's authentication, as the contract describes it: it rebuilds the canonical string
 * from the request it received (method, raw path and query, SHA-256 of the received body bytes, the account of the
 * path / of the body / of X-OperaDB-Account, timestamp, nonce; written out here independently of CanonicalRequest),
 * and accepts only a signature by a key the actor holds: EIP-191 recovery for secp256k1, Ed25519 verification.
 * It keeps accounts, actors and keys in memory; it is no model of anything else the server does.
 */
final class VerifyingServer implements AutoCloseable {

    record Received(String method, String pathWithQuery, String body, String account, String actorId,
                    Map<String, String> headers) {
    }

    private record Actor(List<JsonNode> keys, Set<String> roles) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WINDOW_MS = 5 * 60 * 1000;

    private final HttpServer server;
    private final Map<String, Map<String, Actor>> accounts = new ConcurrentHashMap<>();
    private final Set<String> nonces = ConcurrentHashMap.newKeySet();
    final List<Received> accepted = new CopyOnWriteArrayList<>();

    private VerifyingServer(HttpServer server) {
        this.server = server;
    }

    static VerifyingServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        VerifyingServer verifying = new VerifyingServer(http);
        http.createContext("/", verifying::handle);
        http.start();
        return verifying;
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    Received last() {
        return accepted.get(accepted.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static final class Refusal extends RuntimeException {
        final int status;

        Refusal(int status, String detail) {
            super(detail);
            this.status = status;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status;
            JsonNode answer;
            try {
                Received request = authenticate(exchange);
                answer = route(request);
                status = answer.path("created").asBoolean() ? 201 : 200;
                accepted.add(request);
            } catch (Refusal refusal) {
                status = refusal.status;
                ObjectNode problem = JSON.createObjectNode();
                problem.put("type", "about:blank");
                problem.put("title", status == 401 ? "Unauthorized" : "Refused");
                problem.put("status", status);
                problem.put("detail", refusal.getMessage());
                answer = problem;
            }
            byte[] bytes = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().add("Content-Type",
                    status < 300 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private Received authenticate(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String path = exchange.getRequestURI().getRawPath() + (rawQuery == null ? "" : "?" + rawQuery);
        byte[] body = exchange.getRequestBody().readAllBytes();
        String actor = header(exchange, "X-OperaDB-Actor");
        String timestamp = header(exchange, "X-OperaDB-Timestamp");
        String nonce = header(exchange, "X-OperaDB-Nonce");
        String signature = header(exchange, "X-OperaDB-Signature");
        if (!timestamp.matches("[0-9]{1,15}") || Math.abs(System.currentTimeMillis() - Long.parseLong(timestamp)) > WINDOW_MS) {
            throw new Refusal(401, "timestamp more than 5 minutes away");
        }
        String account = accountOf(method, exchange.getRequestURI().getRawPath(), body, exchange);
        String canonical = String.join("\n", method, path, sha256Hex(body), account, timestamp, nonce);
        List<JsonNode> keys = keysOf(method, path, body, account, actor);
        byte[] message = canonical.getBytes(StandardCharsets.UTF_8);
        if (keys.stream().noneMatch(key -> verifies(key, message, signature))) {
            throw new Refusal(401, "the signature is by no key " + actor + " holds");
        }
        if (!nonces.add(nonce)) {
            throw new Refusal(401, "nonce seen before");
        }
        Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        return new Received(method, path, new String(body, StandardCharsets.UTF_8), account, normalize(actor), headers);
    }

    private static String accountOf(String method, String rawPath, byte[] body, HttpExchange exchange) throws IOException {
        String[] segments = rawPath.split("/");
        if (segments.length >= 4 && segments[1].equals("api") && segments[2].equals("accounts")) {
            return segments[3];
        }
        if (rawPath.equals("/api/accounts") && method.equals("POST")) {
            return JSON.readTree(body).path("account").asText();
        }
        String named = exchange.getRequestHeaders().getFirst("X-OperaDB-Account");
        if (named == null) {
            throw new Refusal(400, rawPath + " names no account and X-OperaDB-Account is missing");
        }
        return named;
    }

    private List<JsonNode> keysOf(String method, String path, byte[] body, String account, String actor)
            throws IOException {
        if (path.equals("/api/accounts") && method.equals("POST")) {
            JsonNode owner = JSON.readTree(body).path("owner");
            if (!normalize(owner.path("actorId").asText()).equals(normalize(actor))) {
                throw new Refusal(401, "the owner signs the account's creation");
            }
            List<JsonNode> keys = new ArrayList<>();
            owner.path("keys").forEach(keys::add);
            return keys;
        }
        Actor known = accounts.getOrDefault(account, Map.of()).get(normalize(actor));
        if (known == null) {
            throw new Refusal(401, "no actor " + actor + " in " + account);
        }
        return known.keys();
    }

    private static boolean verifies(JsonNode key, byte[] message, String signature) {
        try {
            return switch (key.path("type").asText()) {
                case "secp256k1" -> Eip191.recoverAddress(message, signature)
                        .equals(key.path("address").asText().toLowerCase(Locale.ROOT));
                case "ed25519" -> Ed25519.verify(key.path("publicKey").asText(), message, signature);
                default -> false;
            };
        } catch (InvalidSignatureException e) {
            return false;
        }
    }

    private JsonNode route(Received request) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        String[] segments = request.pathWithQuery().split("[?]")[0].split("/");
        JsonNode body = request.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(request.body());
        if (request.method().equals("POST") && request.pathWithQuery().equals("/api/accounts")) {
            JsonNode owner = body.path("owner");
            Map<String, Actor> actors = new ConcurrentHashMap<>();
            actors.put(normalize(owner.path("actorId").asText()), new Actor(list(owner.path("keys")), Set.of("admin")));
            if (accounts.putIfAbsent(request.account(), actors) != null) {
                throw new Refusal(409, "account " + request.account() + " exists");
            }
            return answer.put("created", true).put("account", request.account()).put("owner", request.actorId());
        }
        if (request.method().equals("POST") && segments.length == 5 && segments[4].equals("token")) {
            return answer.put("token", "test-token." + request.account() + "." + request.actorId())
                    .put("expiresAt", "2030-01-01T00:15:00Z");
        }
        if (request.method().equals("POST") && segments.length == 5 && segments[4].equals("actors")) {
            if (!accounts.get(request.account()).get(request.actorId()).roles().contains("admin")) {
                throw new Refusal(403, "only admins register actors");
            }
            Set<String> roles = new java.util.HashSet<>();
            body.path("roles").forEach(role -> roles.add(role.asText()));
            accounts.get(request.account()).put(normalize(body.path("actorId").asText()),
                    new Actor(list(body.path("keys")), roles));
            return answer.put("created", true).put("actorId", body.path("actorId").asText());
        }
        return answer.put("account", request.account()).put("actor", request.actorId());
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static String header(HttpExchange exchange, String name) {
        String value = exchange.getRequestHeaders().getFirst(name);
        if (value == null) {
            throw new Refusal(401, "missing " + name);
        }
        return value;
    }

    /** Wallet actors compare case-insensitively. */
    private static String normalize(String actorId) {
        return actorId.startsWith("0x") || actorId.startsWith("0X") ? actorId.toLowerCase(Locale.ROOT) : actorId;
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
