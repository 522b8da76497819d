package io.operadb.web.auth;

import io.operadb.api.account.ActorKey;
import io.operadb.signing.Ed25519;
import io.operadb.signing.Eip191;
import io.operadb.signing.InvalidSignatureException;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which of an actor's keys made a signature. An EIP-191 signature names its signer (the address is recovered); an
 * Ed25519 one is tried against each Ed25519 key the actor holds. A wallet actor ({@code 0x…}) holds its own address.
 */
public final class SignatureCheck {

    private SignatureCheck() {
    }

    /**
     * The key that signed {@code message}, if the actor holds it.
     *
     * @throws InvalidSignatureException when the signature is malformed for its kind
     */
    public static Optional<ActorKey> signerKey(byte[] message, String signature, String actorId, List<ActorKey> keys) {
        // the two kinds cannot be confused: 0x + 130 hex digits is 132 characters, base64 of 64 bytes is 88
        if (Eip191.isSignature(signature)) {
            String address = Eip191.recoverAddress(message, signature);
            if (address.equalsIgnoreCase(actorId)) {
                return Optional.of(new ActorKey("secp256k1", address, null));
            }
            return keys.stream()
                    .filter(k -> "secp256k1".equals(k.type()) && k.address() != null
                            && k.address().toLowerCase(Locale.ROOT).equals(address))
                    .findFirst();
        }
        if (!Ed25519.isSignature(signature)) {
            throw new InvalidSignatureException(
                    "the signature is neither EIP-191 (0x + 130 hex digits) nor Ed25519 (base64 of 64 bytes)");
        }
        for (ActorKey key : keys) {
            if ("ed25519".equals(key.type()) && key.publicKey() != null
                    && Ed25519.verify(key.publicKey(), message, signature)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }
}
