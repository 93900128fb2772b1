package io.legnext.adapter.fake;

import io.legnext.core.port.out.Scheduler;
import io.legnext.core.time.ExecutorScheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The directory of a persistent fake service ({@link FakeLegnext.Builder#persistentIn(Path)}): the clock its
 * processes share, and its reset.
 *
 * <p>The store records its clock's anchor: at a wall instant the service's time was a given instant, and it runs a
 * given speed faster than the wall clock. A process that follows the anchor ({@link #scheduler}) sees every job at
 * the same state as every other process does. A process that runs at another speed re-anchors the store: service
 * time goes on from where it is, at the new speed, and never goes back (not even when the wall clock does).
 * Processes already running keep the clock they started with, so run the processes of one store at one speed.
 */
public final class FakeServiceStore {

    private FakeServiceStore() {}

    /**
     * The clock anchor of a store.
     *
     * @param wall the wall instant of the anchor
     * @param service the service's time at that wall instant
     * @param speed seconds of service time per wall second
     */
    public record Anchor(Instant wall, Instant service, double speed) {

        public Anchor {
            Objects.requireNonNull(wall, "wall");
            Objects.requireNonNull(service, "service");
        }

        /** The service time at wall instant {@code wallMillis}, by this anchor. */
        long serviceMillisAt(long wallMillis) {
            double scaled = (wallMillis - wall.toEpochMilli()) * speed;
            return service.toEpochMilli()
                    + (long) Math.max(Long.MIN_VALUE / 2.0, Math.min(Long.MAX_VALUE / 2.0, scaled));
        }
    }

    /**
     * A scheduler on the clock of the store in {@code directory}, at {@code speed} (re-anchoring the store if it ran
     * at another), with a pool of {@code threads} daemon threads; creates the store, with the default account, when
     * there is none.
     *
     * @throws IllegalStateException when the directory cannot be used; the message says why, in words
     */
    public static ExecutorScheduler scheduler(Path directory, int threads, double speed) {
        Clock wall = Clock.systemUTC();
        Anchor a = anchor(directory, speed, wall);
        // The same line through this moment: the clock counts from here, not from when the store was made, so a
        // long-lived store at a high speed does not run out of the nanoseconds the clock counts in.
        long now = wall.millis();
        return ExecutorScheduler.anchored(
                threads, a.speed(), Instant.ofEpochMilli(now), Instant.ofEpochMilli(a.serviceMillisAt(now)));
    }

    /**
     * The anchor a process running at {@code speed} follows, recorded in the store in {@code directory} when it
     * differs from the store's: when the speed changed, or when by the store's anchor the service's time would be
     * earlier than a time the store already holds (the wall clock went back). The new anchor takes the service's
     * time on from where it is.
     *
     * @param wall the wall clock; {@link Clock#systemUTC()} but in tests
     * @throws IllegalStateException when the directory cannot be used
     */
    public static Anchor anchor(Path directory, double speed, Clock wall) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("'speed' must be a positive finite number, was " + speed);
        }
        AnchorSink sink = new AnchorSink(wall.millis(), speed);
        FakeStore store = new FakeStore(directory, sink);
        try {
            return store.locked(() -> {
                long now = wall.millis();
                long told = sink.last.serviceMillisAt(now);
                if (sink.last.speed() == speed && told >= sink.latest) {
                    return sink.last;
                }
                StoreRecord.Anchor next = new StoreRecord.Anchor(now, Math.max(told, sink.latest), speed);
                store.append(next);
                return sink.last;
            });
        } catch (FakeStoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Forgets every job, the balance and the pending callbacks of the store in {@code directory}; safe while other
     * processes use it: they find it empty at their next operation, and the next process starts it over with its
     * own account and clock.
     *
     * @return how many jobs were forgotten
     * @throws IllegalStateException when the directory cannot be used
     */
    public static int reset(Path directory) {
        try {
            return FakeStore.reset(Objects.requireNonNull(directory, "directory"));
        } catch (FakeStoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The speed a scheduler runs at: an accelerated one's, else real time. */
    static double speedOf(Scheduler scheduler) {
        return scheduler instanceof ExecutorScheduler e ? e.speed() : 1.0;
    }

    /** Follows a store's anchors and the latest service time it holds. */
    private static final class AnchorSink implements FakeStore.Sink {
        private final long wallMillis;
        private final double speed;
        Anchor last;
        long latest;

        AnchorSink(long wallMillis, double speed) {
            this.wallMillis = wallMillis;
            this.speed = speed;
        }

        @Override
        public StoreRecord.Header newHeader() {
            // A new store's service time starts at the wall clock's.
            return new StoreRecord.Header(
                    StoreRecord.FORMAT_VERSION,
                    new SplittableRandom().nextLong(),
                    0,
                    FakeLegnext.DEFAULT_POINTS,
                    FakeLegnext.DEFAULT_ACCOUNT_ID,
                    wallMillis,
                    wallMillis,
                    speed);
        }

        @Override
        public void reset(StoreRecord.Header header) {
            last = anchor(header.anchor());
            latest = header.serviceMillis();
        }

        @Override
        public void apply(StoreRecord record) {
            if (record instanceof StoreRecord.Anchor a) {
                last = anchor(a);
                latest = Math.max(latest, a.serviceMillis());
            } else if (record instanceof StoreRecord.Accepted a) {
                latest = Math.max(latest, a.job().createdMillis());
            } else if (record instanceof StoreRecord.BalanceSet b) {
                latest = Math.max(latest, b.atMillis());
            }
        }

        private static Anchor anchor(StoreRecord.Anchor a) {
            return new Anchor(Instant.ofEpochMilli(a.wallMillis()), Instant.ofEpochMilli(a.serviceMillis()), a.speed());
        }
    }
}
