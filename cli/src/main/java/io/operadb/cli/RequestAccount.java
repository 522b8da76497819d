package io.operadb.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The account line of the canonical string, decided as the server decides it: the account of the path
 * ({@code /api/accounts/{account}/…}); for {@code POST /api/accounts} the body's {@code account}; for a path without
 * one ({@code /api/admin/replay}) the account named by the {@code X-OperaDB-Account} header, which is then sent.
 */
record RequestAccount(String account, boolean sentAsHeader) {

    private static final Pattern ACCOUNT_PATH = Pattern.compile("/api/accounts/([^/?#]+)(?:[/?#].*)?");

    static RequestAccount of(String method, String pathWithQuery, byte[] body, Optional<String> given) {
        String path = pathWithQuery.split("[?#]", 2)[0];
        Matcher matcher = ACCOUNT_PATH.matcher(path);
        if (matcher.matches()) {
            return agreeing(matcher.group(1), "the path", given);
        }
        if (path.equals("/api/accounts") && method.equalsIgnoreCase("POST")) {
            return agreeing(bodyAccount(body), "the body", given);
        }
        return new RequestAccount(given.orElseThrow(() -> new UsageException(
                path + " names no account: give --account <account> (it is sent as X-OperaDB-Account and signed)")), true);
    }

    private static RequestAccount agreeing(String account, String where, Optional<String> given) {
        if (given.isPresent() && !given.get().equals(account)) {
            throw new UsageException(where + " names account " + account + ", --account says " + given.get());
        }
        return new RequestAccount(account, false);
    }

    private static String bodyAccount(byte[] body) {
        try {
            JsonNode json = body.length == 0 ? null : KeyFile.JSON.readTree(body);
            if (json != null && json.path("account").isTextual()) {
                return json.get("account").asText();
            }
        } catch (IOException e) {
            // falls through to the usage error: the server would refuse such a body as well
        }
        throw new UsageException("POST /api/accounts signs the account named in its body, and the body has no \"account\"");
    }
}
