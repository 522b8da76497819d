package io.operadb.cli;

import java.util.regex.Pattern;

/** The contract's account names, checked before one is put into a path (repeated from shared-api's Names). */
final class AccountNames {

    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9][a-z0-9-]{2,31}");

    private AccountNames() {
    }

    static String checked(String account) {
        if (!ACCOUNT.matcher(account).matches()) {
            throw new UsageException("an account name is 3 to 32 of a-z, 0-9 and '-', starting with a letter or digit, not "
                    + account);
        }
        return account;
    }
}
