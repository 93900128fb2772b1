package io.legnext.core.event;

import java.time.Duration;
import java.util.Objects;

/** The checks the event records share. */
final class Events {

    private Events() {}

    static void requireNotNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException("'" + name + "' must not be negative, was " + d);
        }
    }
}
