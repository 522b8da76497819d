package io.operadb.cli;

/** The command was well formed but could not be done (no key file, the server refused, nothing listens): exit 1. */
public class CliException extends RuntimeException {

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
