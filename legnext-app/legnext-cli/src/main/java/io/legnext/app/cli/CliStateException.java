package io.legnext.app.cli;

/** A command cannot go on with the job as it is (e.g. nothing to download yet): exit code 1, no stack trace. */
final class CliStateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CliStateException(String message) {
        super(message);
    }
}
