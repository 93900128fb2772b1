package io.legnext.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.legnext.core.port.out.Scheduler.Cancellable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VirtualTimeTest {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private final VirtualTime time = new VirtualTime(START);
    private final List<String> ran = new ArrayList<>();
    private final List<Instant> seenAt = new ArrayList<>();

    private static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }

    /** Schedules a task that notes its name and the time its clock reads when it runs. */
    private Cancellable note(Duration delay, String name) {
        return time.schedule(delay, () -> {
            ran.add(name);
            seenAt.add(time.clock().instant());
        });
    }

    private void pollEvery(Duration period) {
        time.schedule(period, () -> {
            seenAt.add(time.now());
            pollEvery(period);
        });
    }

    @Test
    void startsAtTheGivenInstant() {
        assertThat(time.now()).isEqualTo(START);
        assertThat(time.clock().instant()).isEqualTo(START);
    }

    @Test
    void startsByDefaultAtTheRecordedJobsCreationTime() {
        assertThat(new VirtualTime().now()).isEqualTo(Instant.parse("2025-10-21T10:51:46Z"));
    }

    @Test
    void clockIsInUtc() {
        assertThat(time.clock().getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void doesNotMoveOrRunAnythingUntilAdvanced() {
        note(seconds(1), "a");

        assertThat(ran).isEmpty();
        assertThat(time.now()).isEqualTo(START);
        assertThat(time.pendingTasks()).isEqualTo(1);
    }

    @Test
    void runsTasksInTheOrderOfTheirInstants() {
        note(seconds(30), "c");
        note(seconds(10), "a");
        note(seconds(20), "b");

        time.advance(Duration.ofMinutes(1));

        assertThat(ran).containsExactly("a", "b", "c");
    }

    @Test
    void runsTasksDueAtTheSameInstantInTheOrderScheduled() {
        note(seconds(10), "first");
        note(seconds(10), "second");
        note(seconds(10), "third");

        time.advance(seconds(10));

        assertThat(ran).containsExactly("first", "second", "third");
    }

    @Test
    void clockReadsTheTasksDueTimeInsideTheTask() {
        note(seconds(10), "a");
        note(seconds(25), "b");

        time.advance(Duration.ofMinutes(1));

        assertThat(seenAt).containsExactly(START.plusSeconds(10), START.plusSeconds(25));
        assertThat(time.now()).isEqualTo(START.plusSeconds(60));
    }

    @Test
    void runsATaskDueExactlyAtTheEndOfTheWindow() {
        note(seconds(10), "a");

        time.advance(seconds(10));

        assertThat(ran).containsExactly("a");
    }

    @Test
    void leavesTasksDueAfterTheWindowWaiting() {
        note(seconds(11), "late");

        time.advance(seconds(10));

        assertThat(ran).isEmpty();
        assertThat(time.pendingTasks()).isEqualTo(1);
        assertThat(time.now()).isEqualTo(START.plusSeconds(10));
    }

    @Test
    void cancelledTaskDoesNotRun() {
        Cancellable task = note(seconds(10), "cancelled");

        assertThat(task.cancel()).isTrue();
        time.advance(Duration.ofMinutes(1));

        assertThat(ran).isEmpty();
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void cancelAnswersTrueOnlyOnce() {
        Cancellable task = note(seconds(10), "a");

        assertThat(task.cancel()).isTrue();
        assertThat(task.cancel()).isFalse();
    }

    @Test
    void cancelAfterTheTaskRanAnswersFalse() {
        Cancellable task = note(seconds(10), "a");
        time.advance(seconds(10));

        assertThat(task.cancel()).isFalse();
    }

    @Test
    void cancellingOneTaskLeavesTheOthers() {
        note(seconds(10), "a");
        Cancellable b = note(seconds(20), "b");
        note(seconds(30), "c");

        b.cancel();
        time.advance(Duration.ofMinutes(1));

        assertThat(ran).containsExactly("a", "c");
    }

    @Test
    void runsTasksScheduledDuringAdvanceThatFallWithinTheWindow() {
        time.schedule(seconds(10), () -> {
            seenAt.add(time.now());
            note(seconds(5), "follow-up");
        });

        time.advance(seconds(20));

        assertThat(ran).containsExactly("follow-up");
        assertThat(seenAt).containsExactly(START.plusSeconds(10), START.plusSeconds(15));
    }

    @Test
    void leavesTasksScheduledDuringAdvanceBeyondTheWindowForLater() {
        time.schedule(seconds(10), () -> note(seconds(20), "follow-up"));

        time.advance(seconds(20));
        assertThat(ran).isEmpty();

        time.advance(seconds(10));
        assertThat(ran).containsExactly("follow-up");
        assertThat(seenAt).containsExactly(START.plusSeconds(30));
    }

    @Test
    void rejectsNegativeAdvance() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> time.advance(seconds(-1)))
                .withMessage("'duration' must not be negative, was PT-1S");
        assertThat(time.now()).isEqualTo(START);
    }

    @Test
    void advanceByZeroRunsWhatIsDueNow() {
        note(Duration.ZERO, "now");

        time.advance(Duration.ZERO);

        assertThat(ran).containsExactly("now");
        assertThat(time.now()).isEqualTo(START);
    }

    @Test
    void advanceToAnEarlierInstantDoesNotTurnTimeBack() {
        time.advance(seconds(30));

        time.advanceTo(START);

        assertThat(time.now()).isEqualTo(START.plusSeconds(30));
    }

    @ParameterizedTest
    @ValueSource(longs = {-5, -3600})
    void negativeDelayRunsAtTheCurrentInstant(long delaySeconds) {
        note(seconds(delaySeconds), "a");

        time.advance(Duration.ZERO);

        assertThat(seenAt).containsExactly(START);
    }

    @Test
    void absentDelayRunsAtTheCurrentInstant() {
        note(null, "a");

        time.advance(Duration.ZERO);

        assertThat(seenAt).containsExactly(START);
    }

    @Test
    void runUntilIdleRunsEveryTaskAndAnswersTheTimeMoved() {
        note(Duration.ofMinutes(3), "a");
        note(Duration.ofMinutes(5), "b");

        Duration moved = time.runUntilIdle(Duration.ofHours(1));

        assertThat(moved).isEqualTo(Duration.ofMinutes(5));
        assertThat(ran).containsExactly("a", "b");
        assertThat(time.now()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void runUntilIdleStopsAtTheLimitWhenTasksKeepComing() {
        pollEvery(seconds(10));

        Duration moved = time.runUntilIdle(Duration.ofMinutes(1));

        assertThat(moved).isEqualTo(Duration.ofMinutes(1));
        assertThat(seenAt).hasSize(6).last().isEqualTo(START.plusSeconds(60));
        assertThat(time.pendingTasks()).isEqualTo(1);
    }

    @Test
    void runUntilIdleWithNothingScheduledMovesNoTime() {
        assertThat(time.runUntilIdle(Duration.ofHours(1))).isZero();
        assertThat(time.now()).isEqualTo(START);
    }

    @Test
    void clockInAnotherZoneFollowsVirtualTime() {
        var paris = time.clock().withZone(ZoneId.of("Europe/Paris"));

        time.advance(Duration.ofMinutes(5));

        assertThat(paris.instant()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }
}
