package io.operadb.api.signature;

import java.util.List;

/**
 * The metadata an event keeps when its command came as a signed request: enough for anyone to check later that
 * this actor authorised this change (the exact canonical string signed, the signature, the key, the body).
 */
public final class SignatureMetadata {

    /** The canonical string, exactly as signed. */
    public static final String SIGNED_REQUEST = "signedRequest";
    public static final String SIGNATURE = "signature";
    /** {@code secp256k1} or {@code ed25519}. */
    public static final String KEY_TYPE = "signedKeyType";
    /** The address (secp256k1) or base64 public key (ed25519) that verified. */
    public static final String KEY = "signedKey";
    /** The request body, exactly as signed (its SHA-256 is in the canonical string). */
    public static final String BODY = "signedBody";

    public static final List<String> ALL = List.of(SIGNED_REQUEST, SIGNATURE, KEY_TYPE, KEY, BODY);

    private SignatureMetadata() {
    }
}
