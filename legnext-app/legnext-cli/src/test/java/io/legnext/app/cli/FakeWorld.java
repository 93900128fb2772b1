package io.legnext.app.cli;

import io.legnext.adapter.fake.FakeLegnext;
import io.legnext.adapter.fake.FakeTimings;
import io.legnext.core.port.out.Scheduler;
import io.legnext.core.time.ExecutorScheduler;
import io.legnext.core.time.VirtualTime;
import java.time.Clock;
import java.time.Duration;

/**
 * One fake service shared by the commands of a test. Every state of a fake job lasts 20 s of fake time, so a job
 * ends 60 fake seconds after its submit.
 *
 * <p>A world made without a speed runs in virtual time ({@link CommandTime}): no time passes between two commands,
 * and a command that waits sees its job at its lookups' own instants, however busy the machine is. A job submitted
 * without {@code --wait} is still pending when the next command looks; one waited for ends 60 s after its submit.
 * A world made with a speed runs on a real clock that many times faster, for what must run beside the commands on
 * its own (a webhook server receiving the fake's deliveries); its tests must not depend on how fast that is.
 */
final class FakeWorld implements AutoCloseable {

    /** How long each state of a fake job lasts. */
    static final Duration STATE = Duration.ofSeconds(20);

    /** What the commands run on: their clock and their waits' lookups. */
    final Scheduler scheduler;
    /** The virtual time the commands' waits move; null in a world on a real clock. */
    final CommandTime time;

    final FakeLegnext fake;
    private final ExecutorScheduler realClock;

    /** A world in virtual time. */
    FakeWorld() {
        VirtualTime virtual = new VirtualTime();
        this.time = new CommandTime(virtual);
        this.scheduler = time;
        this.realClock = null;
        this.fake = fake(virtual, null);
    }

    /** A world on a real clock running {@code speed} times faster than real time, signing with this secret. */
    FakeWorld(String webhookSecret, double speed) {
        this.realClock = ExecutorScheduler.create(2, speed);
        this.time = null;
        this.scheduler = realClock;
        this.fake = fake(realClock, webhookSecret);
    }

    private static FakeLegnext fake(Scheduler scheduler, String webhookSecret) {
        // Stamped with the wall clock, like the command line's own fake: a receiver judges a delivery's age by its
        // own clock, which a fast or virtual one would be minutes away from.
        FakeLegnext.Builder b = FakeLegnext.builder(scheduler)
                .timings(FakeTimings.fixed(STATE))
                .signingClock(Clock.systemUTC())
                .logger(new NoticeLogger(line -> {}, System.Logger.Level.OFF));
        if (webhookSecret != null) {
            b.webhookSecret(webhookSecret);
        }
        return b.build();
    }

    CliServices.Factory factory() {
        return (settings, notices) -> CliServices.fake(settings, fake, scheduler);
    }

    @Override
    public void close() {
        if (realClock != null) {
            realClock.close();
        }
    }
}
