package io.operadb.cli;

import io.operadb.signing.CanonicalRequest;
import io.operadb.signing.SigningKey;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/** {@code key new}: a fresh key pair in a key file, and the actor id it acts as. */
final class KeyNewCommand implements Command {

    @Override
    public String words() {
        return "key new";
    }

    @Override
    public String usage() {
        return "key new [<name>] [--type secp256k1|ed25519] [--out <file>] [--actor <id>] [--json]";
    }

    @Override
    public Set<String> valued() {
        return Set.of("type", "out", "actor");
    }

    @Override
    public Set<String> flags() {
        return Set.of("json");
    }

    @Override
    public void run(Args args, CliContext context) {
        args.atMostPositionals(1);
        String type = args.option("type").orElse(SigningKey.SECP256K1);
        if (!type.equals(SigningKey.SECP256K1) && !type.equals(SigningKey.ED25519)) {
            throw new UsageException("--type is secp256k1 or ed25519, not " + type);
        }
        args.positionalIfAny(0).ifPresent(KeyNewCommand::checkName);
        SigningKey key = SigningKey.generate(type);
        String name = args.positionalIfAny(0).orElseGet(() -> defaultName(key));
        String actorId = args.option("actor").map(ActorIds::checked).orElseGet(() -> defaultActor(key, name));
        Path path = args.option("out").map(context::resolve)
                .orElseGet(() -> context.workingDirectory().resolve(KeyFile.DEFAULT_DIRECTORY).resolve(name + ".json"));
        KeyFile file = KeyFile.create(path, key, actorId);
        KeyView.print(file, context, args.flag("json"), true);
    }

    private static void checkName(String name) {
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new UsageException("a key name is letters, digits, '.', '_' or '-' (it becomes the file name), not " + name);
        }
    }

    /** A wallet's key is named by its address; an Ed25519 key by a short hash of its public key. */
    private static String defaultName(SigningKey key) {
        if (key instanceof SigningKey.Ethereum wallet) {
            return wallet.address();
        }
        String publicKey = key.publicPart().get("publicKey");
        return "ed25519-" + CanonicalRequest.sha256Hex(publicKey.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    }

    /** A wallet acts as its address (the server recovers it from each signature); any other key needs a name. */
    private static String defaultActor(SigningKey key, String name) {
        if (key instanceof SigningKey.Ethereum wallet) {
            return wallet.address();
        }
        return ActorIds.checked("user:" + name);
    }
}
