package io.operadb.api.actor;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Actor ids: {@code user:alice}, {@code svc:importer}, or a wallet address {@code 0x} + 40 hex digits.
 * Wallet addresses compare case-insensitively, so they are normalised to lower case everywhere.
 */
public final class ActorIds {

    private static final Pattern WALLET = Pattern.compile("0[xX][0-9a-fA-F]{40}");
    private static final Pattern PREFIXED = Pattern.compile("[a-z][a-z0-9_-]{0,31}:[A-Za-z0-9._@+-]{1,128}");

    private ActorIds() {
    }

    public static boolean isValid(String id) {
        return id != null && (WALLET.matcher(id).matches() || PREFIXED.matcher(id).matches());
    }

    public static boolean isWallet(String id) {
        return id != null && WALLET.matcher(id).matches();
    }

    /** Lower-cases wallet addresses; leaves other ids as they are (null stays null). */
    public static String normalize(String id) {
        if (id != null && WALLET.matcher(id).matches()) {
            return id.toLowerCase(Locale.ROOT);
        }
        return id;
    }
}
