package io.legnext.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The clock processes share: driven by a hand-set wall clock, never by sleeping. */
class AnchoredClockTest {

    private static final Instant WALL_ANCHOR = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant ANCHOR = Instant.parse("2026-06-01T12:00:00Z");

    private final SetClock wall = new SetClock(WALL_ANCHOR);

    @Test
    void runsAtItsSpeedFromTheAnchor() {
        Clock clock = ExecutorScheduler.anchoredClock(wall, 100, WALL_ANCHOR, ANCHOR);

        assertThat(clock.instant()).isEqualTo(ANCHOR);
        wall.now = WALL_ANCHOR.plusSeconds(3);
        assertThat(clock.instant()).isEqualTo(ANCHOR.plusSeconds(300));
        wall.now = WALL_ANCHOR.plusMillis(1500);
        // The wall went back: the clock holds still rather than going back.
        assertThat(clock.instant()).isEqualTo(ANCHOR.plusSeconds(300));
        wall.now = WALL_ANCHOR.plusSeconds(4);
        assertThat(clock.instant()).isEqualTo(ANCHOR.plusSeconds(400));
    }

    @Test
    void twoClocksOnOneAnchorTellTheSameTimeWhenEverEachWasMade() {
        Clock first = ExecutorScheduler.anchoredClock(wall, 10_000, WALL_ANCHOR, ANCHOR);
        wall.now = WALL_ANCHOR.plusSeconds(7);
        Clock later = ExecutorScheduler.anchoredClock(wall, 10_000, WALL_ANCHOR, ANCHOR);

        assertThat(later.instant()).isEqualTo(first.instant()).isEqualTo(ANCHOR.plusSeconds(70_000));
    }

    @Test
    void aWallClockBeforeTheAnchorTellsTheAnchor() {
        wall.now = WALL_ANCHOR.minusSeconds(60);
        Clock clock = ExecutorScheduler.anchoredClock(wall, 2, WALL_ANCHOR, ANCHOR);

        // Before the anchor the clock would tell a time before it; it tells what it computes, then never less.
        assertThat(clock.instant()).isEqualTo(ANCHOR.minusSeconds(120));
        wall.now = WALL_ANCHOR.minusSeconds(90);
        assertThat(clock.instant()).isEqualTo(ANCHOR.minusSeconds(120));
    }

    @Test
    void aZoneCopyKeepsTheTimeAndTheFloor() {
        Clock clock = ExecutorScheduler.anchoredClock(wall, 10, WALL_ANCHOR, ANCHOR);
        wall.now = WALL_ANCHOR.plusSeconds(10);
        assertThat(clock.instant()).isEqualTo(ANCHOR.plusSeconds(100));
        wall.now = WALL_ANCHOR;

        assertThat(clock.withZone(ZoneId.of("Europe/Paris")).instant()).isEqualTo(ANCHOR.plusSeconds(100));
    }

    @Test
    void refusesASpeedThatIsNotAPositiveFiniteNumber() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ExecutorScheduler.anchoredClock(wall, 0, WALL_ANCHOR, ANCHOR))
                .withMessage("'speed' must be a positive finite number, was 0.0");
    }

    @Test
    void anAnchoredSchedulerTellsTheAnchoredTime() {
        Instant wallAnchor = Instant.now().minus(Duration.ofSeconds(1));
        try (ExecutorScheduler s = ExecutorScheduler.anchored(1, 1000, wallAnchor, ANCHOR)) {
            // At least a second of wall time since the anchor: at least 1000 s of scheduler time.
            assertThat(s.clock().instant()).isAfterOrEqualTo(ANCHOR.plusSeconds(1000));
            assertThat(s.speed()).isEqualTo(1000);
        }
    }

    /** A wall clock the test sets. */
    private static final class SetClock extends Clock {
        volatile Instant now;

        SetClock(Instant now) {
            this.now = now;
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
}
