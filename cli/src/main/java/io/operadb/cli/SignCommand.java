package io.operadb.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * {@code sign}: the signed-request headers for a request the user sends themselves (curl). Printed as
 * {@code -H 'Name: value' \} lines, so they paste after a curl command and also work inside
 * {@code eval "curl ... $(./operadb sign ...)"}; {@code --json} prints them as one JSON object instead.
 */
final class SignCommand implements Command {

    @Override
    public String words() {
        return "sign";
    }

    @Override
    public String usage() {
        return "sign <METHOD> <path-with-query> [--body <file> | --data <json>] [--account <account>] --key <file>"
                + " [--actor <id>] [--json] [--verbose]";
    }

    @Override
    public Set<String> valued() {
        return Signers.with(Signers.OPTIONS, "body", "data", "account");
    }

    @Override
    public Set<String> flags() {
        return Set.of("json", "verbose");
    }

    @Override
    public void run(Args args, CliContext context) {
        args.atMostPositionals(2);
        String method = args.positional(0, "<METHOD> (GET, POST, ...)");
        String path = SignedRequest.pathOf(args.positional(1, "<path-with-query>"));
        byte[] body = body(args, context);
        SignedRequest request = SignedRequest.sign(Signers.from(args, context), method, path, body, args.option("account"));
        if (args.flag("json")) {
            ObjectNode json = KeyFile.JSON.createObjectNode();
            request.headers().forEach(json::put);
            context.out().println(json.toString());
        } else {
            Iterator<Map.Entry<String, String>> headers = request.headers().entrySet().iterator();
            while (headers.hasNext()) {
                Map.Entry<String, String> header = headers.next();
                context.out().println("-H " + shellQuoted(header.getKey() + ": " + header.getValue())
                        + (headers.hasNext() ? " \\" : ""));
            }
        }
        if (args.flag("verbose")) {
            context.err().println("signed (valid for 5 minutes, once):\n" + request.canonical());
        }
        if (args.option("body").isPresent() && new String(body, StandardCharsets.UTF_8).matches("(?s).*[\r\n].*")) {
            context.err().println("Send the body with curl --data-binary @" + args.option("body").get()
                    + " (curl -d would drop its line breaks, and the signature covers every byte)");
        }
    }

    private static byte[] body(Args args, CliContext context) {
        if (args.option("body").isPresent() && args.option("data").isPresent()) {
            throw new UsageException("give the body once: --body <file> or --data <json>");
        }
        if (args.option("data").isPresent()) {
            return args.option("data").get().getBytes(StandardCharsets.UTF_8);
        }
        if (args.option("body").isEmpty()) {
            return new byte[0];
        }
        Path file = context.resolve(args.option("body").get());
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliException("cannot read the body " + file + ": " + e.getMessage(), e);
        }
    }

    /** Single quotes for the shell; a single quote inside becomes {@code '\''}. */
    static String shellQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
