package io.legnext.adapter.fake;

/** The persistent fake's files cannot be read or written; the message says which and why, in words. */
final class FakeStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    FakeStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
