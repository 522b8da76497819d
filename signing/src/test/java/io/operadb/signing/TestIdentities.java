package io.operadb.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keys for test actors, derived from their ids so every test and test client agrees on them without sharing state:
 * a named actor ({@code user:alice}) holds an Ed25519 key; {@link #wallet(String)} gives a wallet actor whose id is
 * its address. Test clients sign every request with these, as a real client would.
 */
public final class TestIdentities {

    private static final Pattern ACCOUNT_PATH = Pattern.compile("^/api/accounts/([^/?]+)(?:[/?].*)?$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, SigningKey> WALLETS = new java.util.concurrent.ConcurrentHashMap<>();

    private TestIdentities() {
    }

    /** The key an actor signs with: a wallet made by {@link #wallet}, else an Ed25519 key derived from its id. */
    public static SigningKey keyOf(String actorId) {
        SigningKey wallet = WALLETS.get(actorId.toLowerCase(java.util.Locale.ROOT));
        if (wallet != null) {
            return wallet;
        }
        return SigningKey.ed25519(Base64.getEncoder().encodeToString(sha256("operadb-test-actor:" + actorId)));
    }

    /** A wallet actor for tests: returns its id (the lower-case address); its key signs for it from then on. */
    public static String wallet(String seed) {
        byte[] secret = sha256("operadb-test-wallet:" + seed);
        SigningKey key = SigningKey.secp256k1(java.util.HexFormat.of().formatHex(secret));
        String address = ((SigningKey.Ethereum) key).address();
        WALLETS.put(address, key);
        return address;
    }

    /** The private key of a wallet made by {@link #wallet}, hex, for a client such as ethers. */
    public static String walletPrivateKey(String address) {
        return ((SigningKey.Ethereum) WALLETS.get(address.toLowerCase(java.util.Locale.ROOT))).toFile()
                .get("privateKey");
    }

    /** The contract's {@code keys} array for the actor, as JSON text. */
    public static String keysJson(String actorId) {
        try {
            return JSON.writeValueAsString(java.util.List.of(keyOf(actorId).publicPart()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The signed-request headers for a request by {@code actorId}. The account signed is the path's, else (creating an
     * account) the body's, else {@code accountOrNull}, which is then also sent as X-OperaDB-Account.
     */
    public static Map<String, String> headers(String actorId, String method, String pathWithQuery, byte[] body,
                                              String accountOrNull) {
        String account = accountOf(method, pathWithQuery, body, accountOrNull);
        Map<String, String> headers = new java.util.LinkedHashMap<>(new RequestSigner(actorId, keyOf(actorId))
                .headers(method, pathWithQuery, body, account));
        if (accountOrNull != null && !ACCOUNT_PATH.matcher(pathWithQuery).matches()) {
            headers.put(RequestSigner.ACCOUNT, accountOrNull);
        }
        return headers;
    }

    private static String accountOf(String method, String pathWithQuery, byte[] body, String fallback) {
        Matcher matcher = ACCOUNT_PATH.matcher(pathWithQuery);
        if (matcher.matches()) {
            return matcher.group(1);
        }
        if ("POST".equalsIgnoreCase(method) && pathWithQuery.equals("/api/accounts") && body != null) {
            try {
                JsonNode account = JSON.readTree(body).path("account");
                if (account.isTextual()) {
                    return account.asText();
                }
            } catch (java.io.IOException | RuntimeException e) {
                // not JSON: sign the fallback; the server answers the body's problem
            }
        }
        return fallback == null ? "" : fallback;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
