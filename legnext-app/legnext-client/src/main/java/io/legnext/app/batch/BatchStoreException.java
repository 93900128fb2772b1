package io.legnext.app.batch;

/**
 * A batch's file cannot be read, written or locked; the message names the file, what failed and what to do.
 */
public class BatchStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the file and what to do */
    public BatchStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Another process runs the batch: it holds the lock on the batch's file. Nothing of this process was sent.
     */
    public static final class InUse extends BatchStoreException {

        private static final long serialVersionUID = 1L;

        /** @param message names the batch and its file */
        public InUse(String message) {
            super(message, null);
        }
    }
}
