package io.legnext.adapter.feign;

import java.util.OptionalInt;

/**
 * The HTTP status of the latest answer on this thread, as the transport received it: Feign's generated client returns
 * the decoded body only, and {@link RetryingExecutor} reports the status of every attempt, successful ones included.
 * Feign calls the transport on the caller's thread, so the status set there is read on the same one.
 */
final class AnsweredStatus {

    private static final ThreadLocal<int[]> LATEST = ThreadLocal.withInitial(() -> new int[1]);

    private AnsweredStatus() {}

    /** Forgets any earlier answer: called before each attempt. */
    static void clear() {
        LATEST.get()[0] = 0;
    }

    /** Records the answer's status: called by the transport when an answer came. */
    static void set(int status) {
        LATEST.get()[0] = status;
    }

    /** The status answered since {@link #clear()}, when one was and is a valid HTTP status (100-599). */
    static OptionalInt take() {
        int[] latest = LATEST.get();
        int status = latest[0];
        latest[0] = 0;
        return status >= 100 && status <= 599 ? OptionalInt.of(status) : OptionalInt.empty();
    }
}
