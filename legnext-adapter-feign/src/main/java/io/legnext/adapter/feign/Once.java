package io.legnext.adapter.feign;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made the first time it is asked for, then kept; thread-safe. The adapter's Feign clients for submits and
 * for the balance are made this way: a command that only looks a job up never pays for reading their interfaces.
 */
final class Once<T> implements Supplier<T> {

    private final Supplier<T> make;
    private volatile T value;

    Once(Supplier<T> make) {
        this.make = Objects.requireNonNull(make, "make");
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = Objects.requireNonNull(make.get(), "made");
                    value = v;
                }
            }
        }
        return v;
    }
}
