package io.operadb.cli;

import java.util.Set;

/** One {@code ./operadb} command: its words ({@code key new}), its usage line, the options it knows, what it does. */
interface Command {

    String words();

    String usage();

    /** Options taking a value, without dashes. */
    Set<String> valued();

    /** Options without a value, without dashes. */
    default Set<String> flags() {
        return Set.of();
    }

    void run(Args args, CliContext context);
}
