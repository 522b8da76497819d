package io.operadb.cli;

/** The command line itself is wrong (unknown option, missing argument): exit code 2 and a hint at the usage. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
