package io.operadb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.signing.RequestSigner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code account create}: {@code POST /api/accounts} signed by the owner's own key, whose public part the body
 * registers: the signature proves the owner holds the key it claims.
 */
final class AccountCreateCommand implements Command {

    @Override
    public String words() {
        return "account create";
    }

    @Override
    public String usage() {
        return "account create <account> --key <file> [--actor <id>] [--command-url <url>]";
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
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("actorId", signer.actorId());
        owner.put("keys", List.of(signer.key().publicPart()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("account", account);
        body.put("owner", owner);
        SignedRequest request = SignedRequest.sign(signer, "POST", "/api/accounts", Signers.json(body), Optional.empty());
        JsonNode answer = new CommandApi(context.commandUrl(args)).send(request);
        if (answer != null) {
            context.out().println(answer.toString());
        }
        context.err().println("Account " + account + " created; " + signer.actorId() + " is its first admin.");
        context.err().println("Next: TOKEN=$(./operadb token " + account + " --key " + args.option("key").orElseThrow() + ")");
    }
}
