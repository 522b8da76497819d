package io.operadb.api.account;

/** A public key an actor signs with: {@code secp256k1} with an address, or {@code ed25519} with a base64 key. */
public record ActorKey(String type, String address, String publicKey) {
}
