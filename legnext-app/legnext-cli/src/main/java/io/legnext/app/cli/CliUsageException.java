package io.legnext.app.cli;

/** The command line was wrong before anything was sent: exit code 2. */
final class CliUsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CliUsageException(String message) {
        super(message);
    }
}
