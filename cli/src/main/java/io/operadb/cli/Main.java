package io.operadb.cli;

/** {@code java -jar cli/target/operadb-cli.jar <command> ...}; the {@code ./operadb} script calls it. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(new OperaDbCli(CliContext.system()).run(args));
    }
}
