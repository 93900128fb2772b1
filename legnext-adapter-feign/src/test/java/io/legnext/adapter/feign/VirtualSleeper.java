package io.legnext.adapter.feign;

import io.legnext.core.port.out.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock and a sleeper in virtual time: sleeping records the wait and moves the clock, instantly. */
final class VirtualSleeper extends Clock implements Sleeper {

    private volatile Instant now = Instant.parse("2025-10-21T10:51:46Z");
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
        now = now.plus(duration);
    }

    List<Duration> waits() {
        return waits;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
