package io.operadb.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a command reads and writes: stdout carries only the result (a token, headers, JSON) so it can be captured
 * with {@code $(...)}; everything meant for a person goes to stderr.
 */
public record CliContext(PrintStream out, PrintStream err, Map<String, String> env, Path workingDirectory) {

    public static final String COMMAND_URL_ENV = "OPERADB_COMMAND_URL";
    public static final String DEFAULT_COMMAND_URL = "http://localhost:8080";

    public CliContext {
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    public static CliContext system() {
        return new CliContext(System.out, System.err, System.getenv(), Path.of("").toAbsolutePath());
    }

    /** A path as the user typed it, relative to where they ran the command. */
    public Path resolve(String path) {
        return workingDirectory.resolve(path).normalize();
    }

    /** {@code --command-url}, else {@code OPERADB_COMMAND_URL}, else the embedded default's port. */
    public String commandUrl(Args args) {
        return args.option("command-url")
                .or(() -> Optional.ofNullable(env.get(COMMAND_URL_ENV)).filter(url -> !url.isBlank()))
                .orElse(DEFAULT_COMMAND_URL);
    }
}
