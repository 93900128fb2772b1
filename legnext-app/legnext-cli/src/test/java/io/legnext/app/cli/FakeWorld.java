package io.legnext.app.cli;

import io.legnext.adapter.fake.FakeLegnext;
import io.legnext.adapter.fake.FakeTimings;
import io.legnext.core.time.ExecutorScheduler;
import java.time.Duration;

/**
 * One fake service shared by the commands of a test, in accelerated time: every state lasts 20 s of fake time, so a
 * job ends 60 fake seconds (60 ms) after its submit, and the default 20-minute wait would take over a second.
 */
final class FakeWorld implements AutoCloseable {

    /** Fake seconds per real second. */
    static final double SPEED = 1000;
    /** How long each state of a fake job lasts. */
    static final Duration STATE = Duration.ofSeconds(20);

    final ExecutorScheduler scheduler;
    final FakeLegnext fake;

    FakeWorld() {
        this(null);
    }

    FakeWorld(String webhookSecret) {
        this(webhookSecret, SPEED);
    }

    /** A world running {@code speed} times faster than real time. */
    FakeWorld(String webhookSecret, double speed) {
        scheduler = ExecutorScheduler.create(2, speed);
        FakeLegnext.Builder b = FakeLegnext.builder(scheduler).timings(FakeTimings.fixed(STATE))
                .logger(new NoticeLogger(line -> { }, System.Logger.Level.OFF));
        if (webhookSecret != null) {
            b.webhookSecret(webhookSecret);
        }
        this.fake = b.build();
    }

    CliServices.Factory factory() {
        return (settings, notices) -> CliServices.fake(settings, fake, scheduler);
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
