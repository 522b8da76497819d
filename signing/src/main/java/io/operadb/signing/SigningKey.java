package io.operadb.signing;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A private key that signs requests, and the public half an actor registers: {@code {type:"secp256k1", address}}
 * or {@code {type:"ed25519", publicKey}}, exactly the contract's {@code keys} entries.
 */
public sealed interface SigningKey {

    String SECP256K1 = "secp256k1";
    String ED25519 = "ed25519";

    String type();

    /** The key as an actor registers it (no secret in it). */
    Map<String, String> publicPart();

    String sign(byte[] message);

    /** The key as a key file keeps it: the public part plus the private key. */
    Map<String, String> toFile();

    static SigningKey generate(String type) {
        return switch (type) {
            case SECP256K1 -> {
                try {
                    yield new Ethereum(Keys.createEcKeyPair());
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("cannot create a secp256k1 key", e);
                }
            }
            case ED25519 -> {
                KeyPair pair = Ed25519.generate();
                yield new Ed25519Key(pair.getPrivate(), pair);
            }
            default -> throw new IllegalArgumentException("key type must be secp256k1 or ed25519, not " + type);
        };
    }

    /** A secp256k1 key from its 32-byte private key in hex (with or without 0x), as wallets export it. */
    static SigningKey secp256k1(String privateKeyHex) {
        String hex = privateKeyHex.startsWith("0x") ? privateKeyHex.substring(2) : privateKeyHex;
        return new Ethereum(ECKeyPair.create(new BigInteger(hex, 16)));
    }

    /** An Ed25519 key from its 32-byte seed, base64. */
    static SigningKey ed25519(String seedBase64) {
        PrivateKey privateKey = Ed25519.privateKey(seedBase64);
        return new Ed25519Key(privateKey, null);
    }

    static SigningKey fromFile(Map<String, String> file) {
        String type = file.get("type");
        String secret = file.get("privateKey");
        if (secret == null) {
            throw new IllegalArgumentException("a key file needs a privateKey");
        }
        return switch (type == null ? "" : type) {
            case SECP256K1 -> secp256k1(secret);
            case ED25519 -> ed25519(secret);
            default -> throw new IllegalArgumentException("a key file's type is secp256k1 or ed25519");
        };
    }

    /** A wallet-style key: the actor id of a wallet actor is its address. */
    record Ethereum(ECKeyPair pair) implements SigningKey {

        @Override
        public String type() {
            return SECP256K1;
        }

        public String address() {
            return Eip191.address(pair);
        }

        @Override
        public Map<String, String> publicPart() {
            Map<String, String> key = new LinkedHashMap<>();
            key.put("type", SECP256K1);
            key.put("address", address());
            return key;
        }

        @Override
        public String sign(byte[] message) {
            return Eip191.sign(pair, message);
        }

        @Override
        public Map<String, String> toFile() {
            Map<String, String> file = new LinkedHashMap<>(publicPart());
            file.put("privateKey", "0x" + String.format("%064x", pair.getPrivateKey()));
            return file;
        }
    }

    /** An Ed25519 key; the public key is derived from the private one when not given. */
    final class Ed25519Key implements SigningKey {

        private final PrivateKey privateKey;
        private final String publicKey;

        Ed25519Key(PrivateKey privateKey, KeyPair pairOrNull) {
            KeyPair pair = pairOrNull;
            this.privateKey = pair != null ? pair.getPrivate() : privateKey;
            this.publicKey = pair != null ? Ed25519.publicKeyBase64(pair.getPublic())
                    : Ed25519.publicKeyOf(privateKey);
        }

        @Override
        public String type() {
            return ED25519;
        }

        public String publicKey() {
            return publicKey;
        }

        @Override
        public Map<String, String> publicPart() {
            Map<String, String> key = new LinkedHashMap<>();
            key.put("type", ED25519);
            key.put("publicKey", publicKey);
            return key;
        }

        @Override
        public String sign(byte[] message) {
            return Ed25519.sign(privateKey, message);
        }

        @Override
        public Map<String, String> toFile() {
            Map<String, String> file = new LinkedHashMap<>(publicPart());
            file.put("privateKey", Ed25519.privateKeyBase64(privateKey));
            return file;
        }
    }
}
