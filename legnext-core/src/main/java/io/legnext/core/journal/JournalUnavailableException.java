package io.legnext.core.journal;

import io.legnext.core.error.LegnextException;

/**
 * The job journal cannot take an append right now (its place is read-only, full, or not a directory), so a submit
 * was refused before anything was sent: a job the journal cannot record could be paid for and lost.
 */
public final class JournalUnavailableException extends LegnextException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was checked, what failed, in words, and that nothing was sent
     * @param cause the underlying failure, if any
     */
    public JournalUnavailableException(String message, Throwable cause) {
        super(message, null, null, cause);
    }
}
