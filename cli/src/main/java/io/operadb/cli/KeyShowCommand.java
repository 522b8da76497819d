package io.operadb.cli;

import java.util.Set;

/** {@code key show}: a key file's public part and actor id, e.g. to hand to an admin who registers you. */
final class KeyShowCommand implements Command {

    @Override
    public String words() {
        return "key show";
    }

    @Override
    public String usage() {
        return "key show <key file> [--json]";
    }

    @Override
    public Set<String> valued() {
        return Set.of();
    }

    @Override
    public Set<String> flags() {
        return Set.of("json");
    }

    @Override
    public void run(Args args, CliContext context) {
        args.atMostPositionals(1);
        KeyFile file = KeyFile.load(context.resolve(args.positional(0, "<key file>")));
        KeyView.print(file, context, args.flag("json"), false);
    }
}
