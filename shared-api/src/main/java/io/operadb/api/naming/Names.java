package io.operadb.api.naming;

import java.util.regex.Pattern;

/** The name rules of the public contract for accounts, schemas and entity ids. */
public final class Names {

    public static final Pattern ACCOUNT = Pattern.compile("[a-z0-9][a-z0-9-]{2,31}");
    public static final Pattern SCHEMA = Pattern.compile("[a-z][a-z0-9_-]{1,31}");
    public static final Pattern ENTITY_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    public static final Pattern ACTION = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,63}");

    private Names() {
    }

    public static boolean isAccount(String s) {
        return s != null && ACCOUNT.matcher(s).matches();
    }

    public static boolean isSchema(String s) {
        return s != null && SCHEMA.matcher(s).matches();
    }

    /** Also refuses "." and "..": they are dot segments in a URL path, which clients rewrite before sending. */
    public static boolean isEntityId(String s) {
        return s != null && ENTITY_ID.matcher(s).matches() && !s.equals(".") && !s.equals("..");
    }

    public static boolean isAction(String s) {
        return s != null && ACTION.matcher(s).matches();
    }
}
