package io.legnext.adapter.feign;

import java.time.Duration;

/** Waits between retries; injected so that tests wait in virtual time. */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the calling thread. */
    Sleeper THREAD = d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));

    /** Blocks the calling thread for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
}
