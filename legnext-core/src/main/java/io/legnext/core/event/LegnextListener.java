package io.legnext.core.event;

import java.util.Arrays;
import java.util.List;

/**
 * Hears what legnext does for a host: every HTTP attempt, every wait from start to end with each lookup and state
 * change, every callback accepted or refused. Register one with the facade's or an adapter's builder; every method
 * does nothing unless overridden.
 *
 * <p>Methods are called on the thread that did the work (the caller's, the scheduler's, the webhook server's), often
 * several at once: an implementation must be thread-safe, quick and must not block. An exception it throws is
 * caught, reported once through {@link System.Logger} and otherwise ignored: a listener never breaks a call.
 */
public interface LegnextListener {

    /** Hears nothing. */
    LegnextListener NONE = new LegnextListener() {
        @Override
        public String toString() {
            return "LegnextListener.NONE";
        }
    };

    /** One HTTP attempt ended; see {@link HttpAttempt}. */
    default void onHttpAttempt(HttpAttempt event) {}

    /** A wait began; see {@link WaitStarted}. */
    default void onWaitStarted(WaitStarted event) {}

    /** A wait looked its job up, successfully or not; see {@link WaitLookup}. */
    default void onWaitLookup(WaitLookup event) {}

    /** A wait saw its job in a new status; see {@link JobStateChanged}. */
    default void onJobStateChanged(JobStateChanged event) {}

    /** A wait ended; see {@link WaitEnded}. */
    default void onWaitEnded(WaitEnded event) {}

    /** A callback delivery was accepted; see {@link CallbackAccepted}. */
    default void onCallbackAccepted(CallbackAccepted event) {}

    /** A callback delivery was refused; see {@link CallbackRefused}. */
    default void onCallbackRefused(CallbackRefused event) {}

    /**
     * One listener telling each of {@code listeners}, in order, of every event; an exception from one is reported
     * once (through {@link System.Logger}) and never reaches the others or the caller. Combining a single listener
     * isolates it the same way.
     */
    static LegnextListener combine(LegnextListener... listeners) {
        return combine(Arrays.asList(listeners));
    }

    /** As {@link #combine(LegnextListener...)}, from a list. */
    static LegnextListener combine(List<? extends LegnextListener> listeners) {
        return Listeners.of(listeners);
    }
}
