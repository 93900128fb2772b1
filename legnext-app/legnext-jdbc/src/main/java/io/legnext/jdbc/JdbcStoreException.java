package io.legnext.jdbc;

import io.legnext.core.error.LegnextException;

/**
 * The database behind a {@link JdbcBatchStore} or a {@link JdbcJobJournal} failed a read or a write: the message
 * says what was attempted, what the database answered, in words, and what to check. It never holds a password or a
 * connection URL.
 */
public final class JdbcStoreException extends LegnextException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was attempted and what failed, in words
     * @param cause the driver's exception, if any
     */
    public JdbcStoreException(String message, Throwable cause) {
        super(message, null, null, cause);
    }
}
