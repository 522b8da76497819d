package io.operadb.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a signed request signs: method, path with query, hex SHA-256 of the body, account, timestamp (epoch ms) and
 * nonce, one per line, joined by {@code \n} with no trailing newline. An empty body hashes the empty string.
 */
public record CanonicalRequest(String method, String pathWithQuery, String bodySha256, String account,
                               long timestamp, String nonce) {

    public CanonicalRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathWithQuery, "pathWithQuery");
        Objects.requireNonNull(bodySha256, "bodySha256");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(nonce, "nonce");
    }

    public static CanonicalRequest of(String method, String pathWithQuery, byte[] body, String account,
                                      long timestamp, String nonce) {
        return new CanonicalRequest(method.toUpperCase(java.util.Locale.ROOT), pathWithQuery,
                sha256Hex(body == null ? new byte[0] : body), account, timestamp, nonce);
    }

    /** Reads a canonical string back (as kept in a signed event's metadata); empty if it is not one. */
    public static java.util.Optional<CanonicalRequest> parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length != 6) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new CanonicalRequest(lines[0], lines[1], lines[2], lines[3],
                    Long.parseLong(lines[4]), lines[5]));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    public String text() {
        return String.join("\n", method, pathWithQuery, bodySha256, account, Long.toString(timestamp), nonce);
    }

    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
