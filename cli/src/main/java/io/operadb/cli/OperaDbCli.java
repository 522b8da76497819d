package io.operadb.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Finds the command named by the first words of the command line and runs it; returns the exit code. */
public final class OperaDbCli {

    static final List<Command> COMMANDS = List.of(new KeyNewCommand(), new KeyShowCommand(), new AccountCreateCommand(),
            new TokenCommand(), new SignCommand(), new ActorAddCommand());

    private final CliContext context;

    public OperaDbCli(CliContext context) {
        this.context = context;
    }

    /** 0 done, 1 failed (the message says why), 2 the command line is wrong. */
    public int run(String... argv) {
        List<String> words = Arrays.asList(argv);
        Optional<Command> command = find(words);
        if (command.isEmpty()) {
            context.err().println(words.isEmpty() ? usage() : "unknown command: " + String.join(" ", words) + "\n" + usage());
            return 2;
        }
        int consumed = command.get().words().split(" ").length;
        List<String> rest = words.subList(consumed, words.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            context.out().println("Usage: ./operadb " + command.get().usage());
            return 0;
        }
        try {
            Args args = Args.parse(rest, command.get().valued(), command.get().flags());
            command.get().run(args, context);
            return 0;
        } catch (UsageException e) {
            context.err().println("operadb " + command.get().words() + ": " + e.getMessage());
            context.err().println("Usage: ./operadb " + command.get().usage());
            return 2;
        } catch (CliException e) {
            context.err().println("operadb " + command.get().words() + ": " + e.getMessage());
            return 1;
        }
    }

    private static Optional<Command> find(List<String> words) {
        return COMMANDS.stream().filter(command -> {
            List<String> name = List.of(command.words().split(" "));
            return words.size() >= name.size() && words.subList(0, name.size()).equals(name);
        }).findFirst();
    }

    static String usage() {
        StringBuilder text = new StringBuilder("Usage:\n");
        COMMANDS.forEach(command -> text.append("  ./operadb ").append(command.usage()).append('\n'));
        return text.toString().stripTrailing();
    }
}
