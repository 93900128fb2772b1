package io.legnext.app.download;

import java.util.List;

/**
 * Some results could not be saved; says which, why, and what was saved all the same.
 */
public final class DownloadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, by who can fix it. */
    public enum Kind {
        /** A different file already has the target name: nothing was overwritten. */
        CONFLICT,
        /** The source could not be fetched (network, HTTP error). */
        SOURCE,
        /** The local disk refused (permissions, space). */
        LOCAL,
        /** A file is larger than the size cap on one file: nothing of it was kept. */
        TOO_LARGE
    }

    private final Kind kind;
    private final transient List<SavedFile> saved;

    /**
     * @param kind the first failure's kind
     * @param message every failure, one per line
     * @param saved what was saved despite the failures
     * @param cause the first failure
     */
    public DownloadException(Kind kind, String message, List<SavedFile> saved, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.saved = List.copyOf(saved);
    }

    /** The first failure's kind. */
    public Kind kind() {
        return kind;
    }

    /** What was saved despite the failures. */
    public List<SavedFile> saved() {
        return saved;
    }
}
