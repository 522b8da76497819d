package io.operadb.cli;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The contract's actor ids, checked here so a typo fails before a key is used to sign (the server stays the judge;
 * the CLI depends on nothing but the signing module, so the two patterns are repeated from shared-api's ActorIds).
 */
final class ActorIds {

    private static final Pattern WALLET = Pattern.compile("0[xX][0-9a-fA-F]{40}");
    private static final Pattern PREFIXED = Pattern.compile("[a-z][a-z0-9_-]{0,31}:[A-Za-z0-9._@+-]{1,128}");

    private ActorIds() {
    }

    /** The id as the server keeps it (wallet addresses lower case: they compare case-insensitively), or an error. */
    static String checked(String id) {
        if (WALLET.matcher(id).matches()) {
            return id.toLowerCase(Locale.ROOT);
        }
        if (PREFIXED.matcher(id).matches()) {
            return id;
        }
        throw new UsageException("an actor id is like user:alice, svc:importer or a wallet address 0x + 40 hex digits, not "
                + id);
    }

    static boolean isWallet(String id) {
        return WALLET.matcher(id).matches();
    }
}
