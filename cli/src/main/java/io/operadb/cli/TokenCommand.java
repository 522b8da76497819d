package io.operadb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.signing.RequestSigner;

import java.util.Optional;
import java.util.Set;

/** {@code token}: a signed login; stdout gets the bare JWT so {@code TOKEN=$(./operadb token ...)} works. */
final class TokenCommand implements Command {

    @Override
    public String words() {
        return "token";
    }

    @Override
    public String usage() {
        return "token <account> --key <file> [--actor <id>] [--command-url <url>]";
    }

    @Override
    public Set<String> valued() {
        return Signers.with(Signers.OPTIONS, "command-url");
    }

    @Override
    public void run(Args args, CliContext context) {
        args.atMostPositionals(1);
        String account = AccountNames.checked(args.positional(0, "<account>"));
        RequestSigner signer = Signers.from(args, context);
        SignedRequest request = SignedRequest.sign(signer, "POST", "/api/accounts/" + account + "/token", new byte[0],
                Optional.empty());
        JsonNode answer = new CommandApi(context.commandUrl(args)).send(request);
        if (answer == null || !answer.path("token").isTextual()) {
            throw new CliException("the token endpoint answered without a token: " + answer);
        }
        context.out().println(answer.get("token").asText());
        context.err().println("Token for " + signer.actorId() + " in " + account
                + (answer.hasNonNull("expiresAt") ? ", expires at " + answer.get("expiresAt").asText() : "")
                + ". Use it as: -H \"Authorization: Bearer $TOKEN\"");
    }
}
