package io.operadb.query.readmodel;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a replay rebuilds: everything, one account, or one schema of one account.
 *
 * @param account null for every account
 * @param schema  null for every schema of the account (never set without an account)
 */
public record ReplayScope(String account, String schema) {

    public static final ReplayScope ALL = new ReplayScope(null, null);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");

    public ReplayScope {
        if (schema != null && account == null) {
            throw new IllegalArgumentException("a schema scope needs its account");
        }
    }

    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The key under which routes store this scope: {@code *}, {@code acme} or {@code acme/ticket}. */
    public String key() {
        return account == null ? "*" : schema == null ? account : account + "/" + schema;
    }

    public static ReplayScope ofKey(String key) {
        if (key == null || "*".equals(key)) {
            return ALL;
        }
        int slash = key.indexOf('/');
        return slash < 0 ? new ReplayScope(key, null) : new ReplayScope(key.substring(0, slash), key.substring(slash + 1));
    }

    public boolean isAll() {
        return account == null;
    }

    public boolean isSchema() {
        return schema != null;
    }

    /** Whether an event of this account (and schema, null for account-level events) falls in the scope. */
    public boolean covers(String eventAccount, String eventSchema) {
        if (account == null) {
            return true;
        }
        if (!account.equals(eventAccount)) {
            return false;
        }
        return schema == null || Objects.equals(schema, eventSchema);
    }

    @Override
    public String toString() {
        return key();
    }
}
