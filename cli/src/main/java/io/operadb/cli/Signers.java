package io.operadb.cli;

import io.operadb.signing.RequestSigner;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/** The options every signing command shares: {@code --key <file>} and {@code --actor <id>}. */
final class Signers {

    static final Set<String> OPTIONS = Set.of("key", "actor");

    private Signers() {
    }

    static RequestSigner from(Args args, CliContext context) {
        KeyFile file = KeyFile.load(context.resolve(args.required("key", "<key file> (made by ./operadb key new)")));
        return new RequestSigner(file.actingAs(args.option("actor")), file.key());
    }

    static byte[] json(Object body) {
        try {
            return KeyFile.JSON.copy().disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a request body of maps and lists always serialises", e);
        }
    }

    static Set<String> with(Set<String> options, String... more) {
        java.util.HashSet<String> all = new java.util.HashSet<>(options);
        all.addAll(Set.of(more));
        return Set.copyOf(all);
    }
}
