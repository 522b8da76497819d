package io.operadb.signing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Ed25519 with the JDK's own provider. Public keys travel as base64 of the raw 32 bytes (what libsodium, tweetnacl and
 * Node's {@code crypto} export); the X.509 form (44 bytes) is accepted too. Signatures are base64 of 64 bytes.
 */
public final class Ed25519 {

    /** The DER prefix that turns a raw 32-byte Ed25519 key into an X.509 SubjectPublicKeyInfo. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    /** The DER prefix of a PKCS#8 Ed25519 private key around its 32-byte seed. */
    private static final byte[] PKCS8_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
            0x04, 0x22, 0x04, 0x20};

    private Ed25519() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /** True when {@code publicKeyBase64} is a well-formed Ed25519 public key. */
    public static boolean isPublicKey(String publicKeyBase64) {
        try {
            publicKey(publicKeyBase64);
            return true;
        } catch (InvalidSignatureException e) {
            return false;
        }
    }

    public static PublicKey publicKey(String publicKeyBase64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(publicKeyBase64 == null ? "" : publicKeyBase64.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidSignatureException("an Ed25519 public key is base64", e);
        }
        byte[] x509;
        if (bytes.length == 32) {
            x509 = concat(X509_PREFIX, bytes);
        } else if (bytes.length == 44 && Arrays.equals(Arrays.copyOf(bytes, 12), X509_PREFIX)) {
            x509 = bytes;
        } else {
            throw new InvalidSignatureException("an Ed25519 public key is 32 bytes (or its 44-byte X.509 form)");
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new InvalidSignatureException("not an Ed25519 public key", e);
        }
    }

    /** The raw 32-byte form of a public key, base64. */
    public static String publicKeyBase64(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
    }

    /** The private key's 32-byte seed, base64: what a key file keeps. */
    public static String privateKeyBase64(PrivateKey key) {
        byte[] encoded = key.getEncoded();
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
    }

    /** The public key that belongs to a private key (Bouncy Castle derives it; the JDK does not expose that). */
    public static String publicKeyOf(PrivateKey key) {
        byte[] encoded = key.getEncoded();
        byte[] seed = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        return Base64.getEncoder().encodeToString(
                new org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded());
    }

    public static PrivateKey privateKey(String seedBase64) {
        byte[] seed = Base64.getDecoder().decode(seedBase64.trim());
        if (seed.length != 32) {
            throw new InvalidSignatureException("an Ed25519 private key seed is 32 bytes");
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, seed)));
        } catch (GeneralSecurityException e) {
            throw new InvalidSignatureException("not an Ed25519 private key", e);
        }
    }

    public static String sign(PrivateKey key, byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(message);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** True when {@code signatureBase64} is base64 of 64 bytes: the shape of an Ed25519 signature. */
    public static boolean isSignature(String signatureBase64) {
        try {
            return signatureBase64 != null && Base64.getDecoder().decode(signatureBase64.trim()).length == 64;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code signatureBase64} is {@code publicKeyBase64}'s signature of {@code message}. */
    public static boolean verify(String publicKeyBase64, byte[] message, String signatureBase64) {
        byte[] signatureBytes;
        try {
            signatureBytes = Base64.getDecoder().decode(signatureBase64 == null ? "" : signatureBase64.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidSignatureException("an Ed25519 signature is base64", e);
        }
        if (signatureBytes.length != 64) {
            throw new InvalidSignatureException("an Ed25519 signature is 64 bytes");
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey(publicKeyBase64));
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new InvalidSignatureException("the Ed25519 signature cannot be checked", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
