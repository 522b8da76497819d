package io.operadb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.signing.RequestSigner;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code actor add}: an admin registers another actor with roles and a public key. The new actor's key comes from
 * {@code --actor-key} (their key file or its public part); a wallet actor {@code 0x…} needs none: its key is its
 * address.
 */
final class ActorAddCommand implements Command {

    @Override
    public String words() {
        return "actor add";
    }

    @Override
    public String usage() {
        return "actor add <account> [<actorId>] [--roles a,b] [--actor-key <their key file>] --key <admin key file>"
                + " [--actor <admin id>] [--command-url <url>]";
    }

    @Override
    public Set<String> valued() {
        return Signers.with(Signers.OPTIONS, "roles", "actor-key", "command-url");
    }

    @Override
    public void run(Args args, CliContext context) {
        args.atMostPositionals(2);
        String account = AccountNames.checked(args.positional(0, "<account>"));
        Optional<PublicKeys> theirs = args.option("actor-key").map(context::resolve).map(PublicKeys::read);
        String actorId = ActorIds.checked(args.positionalIfAny(1)
                .or(() -> theirs.flatMap(PublicKeys::actorId))
                .or(() -> theirs.map(PublicKeys::publicPart).map(key -> key.get("address")))
                .orElseThrow(() -> new UsageException("missing <actorId> (or an --actor-key file that names one)")));
        List<Map<String, String>> keys = theirs.map(key -> List.of(key.publicPart()))
                .orElseGet(() -> ActorIds.isWallet(actorId) ? List.of(PublicKeys.ofWallet(actorId)) : List.of());
        List<String> roles = args.option("roles").map(text -> Arrays.stream(text.split(","))
                .map(String::trim).filter(role -> !role.isEmpty()).toList()).orElse(List.of());

        RequestSigner signer = Signers.from(args, context);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("actorId", actorId);
        body.put("roles", roles);
        body.put("keys", keys);
        SignedRequest request = SignedRequest.sign(signer, "POST", "/api/accounts/" + account + "/actors",
                Signers.json(body), Optional.empty());
        JsonNode answer = new CommandApi(context.commandUrl(args)).send(request);
        if (answer != null) {
            context.out().println(answer.toString());
        }
        context.err().println("Actor " + actorId + " registered in " + account + " with roles " + roles
                + (keys.isEmpty() ? "; it has no key yet, so it cannot sign requests" : "."));
    }
}
