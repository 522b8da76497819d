package io.operadb.signing;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Ethereum personal-message signatures (EIP-191 version 0x45), as {@code ethers.Wallet.signMessage} makes them:
 * {@code 0x} + r (32 bytes) + s (32 bytes) + v (27/28, or 0/1), hex. The signer's address is recovered from the
 * signature; web3j does the curve work.
 */
public final class Eip191 {

    private static final Pattern SIGNATURE = Pattern.compile("0x[0-9a-fA-F]{130}");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private Eip191() {
    }

    public static boolean isSignature(String text) {
        return text != null && SIGNATURE.matcher(text).matches();
    }

    public static boolean isAddress(String text) {
        return text != null && ADDRESS.matcher(text).matches();
    }

    /** The lower-case {@code 0x} address of the key that signed {@code message}. */
    public static String recoverAddress(byte[] message, String signature) {
        if (!isSignature(signature)) {
            throw new InvalidSignatureException("an EIP-191 signature is 0x followed by 130 hex digits");
        }
        byte[] bytes = HexFormat.of().parseHex(signature.substring(2));
        byte v = bytes[64];
        if (v < 27) {
            v += 27;
        }
        if (v != 27 && v != 28) {
            throw new InvalidSignatureException("the signature's recovery byte v must be 27 or 28");
        }
        Sign.SignatureData data = new Sign.SignatureData(v, Arrays.copyOfRange(bytes, 0, 32),
                Arrays.copyOfRange(bytes, 32, 64));
        try {
            BigInteger publicKey = Sign.signedPrefixedMessageToKey(message, data);
            return "0x" + Keys.getAddress(publicKey).toLowerCase(Locale.ROOT);
        } catch (SignatureException | RuntimeException e) {
            throw new InvalidSignatureException("the signature does not recover a public key", e);
        }
    }

    public static String sign(ECKeyPair key, byte[] message) {
        Sign.SignatureData data = Sign.signPrefixedMessage(message, key);
        byte[] bytes = new byte[65];
        System.arraycopy(data.getR(), 0, bytes, 0, 32);
        System.arraycopy(data.getS(), 0, bytes, 32, 32);
        bytes[64] = data.getV()[0];
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    public static String address(ECKeyPair key) {
        return "0x" + Keys.getAddress(key.getPublicKey()).toLowerCase(Locale.ROOT);
    }
}
