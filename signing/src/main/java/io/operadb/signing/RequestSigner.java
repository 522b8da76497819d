package io.operadb.signing;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Makes the headers of a signed request: what a client does before each call. */
public final class RequestSigner {

    public static final String ACTOR = "X-OperaDB-Actor";
    public static final String TIMESTAMP = "X-OperaDB-Timestamp";
    public static final String NONCE = "X-OperaDB-Nonce";
    public static final String SIGNATURE = "X-OperaDB-Signature";
    /** Names the account on paths that have none ({@code /api/admin/...}); an OperaDB addition to the contract. */
    public static final String ACCOUNT = "X-OperaDB-Account";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String actorId;
    private final SigningKey key;

    public RequestSigner(String actorId, SigningKey key) {
        this.actorId = actorId;
        this.key = key;
    }

    public String actorId() {
        return actorId;
    }

    public SigningKey key() {
        return key;
    }

    /** Headers for a request made now with a fresh nonce. */
    public Map<String, String> headers(String method, String pathWithQuery, byte[] body, String account) {
        return headers(method, pathWithQuery, body, account, System.currentTimeMillis(), newNonce());
    }

    public Map<String, String> headers(String method, String pathWithQuery, byte[] body, String account,
                                       long timestamp, String nonce) {
        CanonicalRequest canonical = CanonicalRequest.of(method, pathWithQuery, body, account, timestamp, nonce);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ACTOR, actorId);
        headers.put(TIMESTAMP, Long.toString(timestamp));
        headers.put(NONCE, nonce);
        headers.put(SIGNATURE, key.sign(canonical.bytes()));
        return headers;
    }

    public static String newNonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
