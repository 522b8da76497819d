package io.operadb.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;

/** Prints a key file's public side (never its secret): for a person, or as JSON with {@code --json}. */
final class KeyView {

    private KeyView() {
    }

    static void print(KeyFile file, CliContext context, boolean json, boolean created) {
        String shown = shown(file.path(), context);
        String actorId = file.actingAs(java.util.Optional.empty());
        if (json) {
            ObjectNode node = KeyFile.JSON.createObjectNode();
            node.put("file", shown);
            node.put("actorId", actorId);
            ObjectNode key = node.putObject("key");
            file.key().publicPart().forEach(key::put);
            context.out().println(node.toString());
            return;
        }
        if (created) {
            context.out().println("Wrote " + shown + " (it holds the private key: owner-only, keep it out of git)");
        }
        file.key().publicPart().forEach((name, value) -> context.out().printf("%-10s %s%n", name, value));
        context.out().printf("%-10s %s%n", "actor id", actorId);
        if (created) {
            context.out().println("Next:      ./operadb account create <account> --key " + shown);
        }
    }

    /** Relative to where the command ran when the file is below it: shorter, and what the user would type. */
    static String shown(Path path, CliContext context) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(context.workingDirectory()) ? context.workingDirectory().relativize(absolute).toString()
                : absolute.toString();
    }
}
