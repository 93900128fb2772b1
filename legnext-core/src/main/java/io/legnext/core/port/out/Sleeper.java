package io.legnext.core.port.out;

import java.time.Duration;

/**
 * Blocks the calling thread for a while (between retries, in a scripted slow answer); injected so that tests wait
 * in virtual time.
 */
@FunctionalInterface
public interface Sleeper {

    /** The real thing: {@link Thread#sleep(long, int)}. */
    Sleeper THREAD = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

    /** Blocks the calling thread for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
}
