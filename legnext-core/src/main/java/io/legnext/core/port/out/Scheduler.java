package io.legnext.core.port.out;

import java.time.Clock;
import java.time.Duration;

/**
 * Driven port for time: tells the time and runs tasks later, so that waiting logic runs in real, accelerated or
 * virtual time alike.
 */
public interface Scheduler {

    /** The clock this scheduler's delays are measured on. */
    Clock clock();

    /**
     * Runs {@code task} once, {@code delay} from now on {@link #clock()}. Tasks must be short and must not block.
     *
     * @return a handle that cancels the task if it has not run yet
     */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that may still be cancelled. */
    @FunctionalInterface
    interface Cancellable {
        /**
         * Cancels the task if it has not started.
         *
         * @return true when this call stopped it from running
         */
        boolean cancel();
    }
}
