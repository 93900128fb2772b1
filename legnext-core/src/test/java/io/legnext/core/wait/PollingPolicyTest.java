package io.legnext.core.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PollingPolicyTest {

    private static final double MIDDLE = 0.5;
    private static final double LOWEST = 0.0;
    private static final double HIGHEST = Math.nextDown(1.0);

    private final PollingPolicy policy = PollingPolicy.defaults();
    private final WaitOptions polling = WaitOptions.defaults();
    private final WaitOptions withCallback = WaitOptions.defaults().withCallbackExpected(true);

    private Duration next(TaskType.Kind kind, long elapsedSeconds, double draw) {
        return policy.nextDelay(kind, Duration.ofSeconds(elapsedSeconds), JobStatus.PROCESSING, draw, polling);
    }

    // ---------------------------------------------------------------- quiet period

    @ParameterizedTest
    @CsvSource({"VIDEO_DIFFUSION, 160", "EXTEND_VIDEO, 160", "VIDEO_UPSCALE, 220", "DIFFUSION, 30", "VARIATION, 30"})
    void givenAFreshJob_firstLookComesOneIntervalAfterItsKindsEarliestCompletion(TaskType.Kind kind, long seconds) {
        assertThat(next(kind, 0, MIDDLE)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void aMinutesLongJobIsNotLookedAtAfterThreeSeconds() {
        assertThat(policy.nextDelay(TaskType.Kind.VIDEO_DIFFUSION, Duration.ZERO, JobStatus.PENDING, LOWEST, polling))
                .isGreaterThan(Duration.ofMinutes(2));
    }

    @Test
    void quietPeriodCountsFromTheJobsCreationSoALateStartLooksSooner() {
        assertThat(next(TaskType.Kind.VIDEO_DIFFUSION, 100, MIDDLE)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void quietPeriodMayExceedTheMaximumIntervalBecauseNothingCanBeLearnedBeforeIt() {
        assertThat(next(TaskType.Kind.VIDEO_UPSCALE, 0, MIDDLE)).isGreaterThan(policy.maxInterval());
    }

    // ---------------------------------------------------------------- window, jitter

    @ParameterizedTest
    @ValueSource(longs = {150, 200, 300, 479})
    void withinTheWindowLooksEveryIntervalAtTheMiddleDraw(long elapsed) {
        assertThat(next(TaskType.Kind.VIDEO_DIFFUSION, elapsed, MIDDLE)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void jitterSpreadsTheIntervalByTenPercentEitherWay() {
        assertThat(next(TaskType.Kind.VIDEO_DIFFUSION, 200, LOWEST)).isEqualTo(Duration.ofSeconds(9));
        assertThat(next(TaskType.Kind.VIDEO_DIFFUSION, 200, HIGHEST)).isEqualTo(Duration.ofSeconds(11));
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(next(TaskType.Kind.VIDEO_DIFFUSION, 200, random.nextDouble()))
                    .isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11));
        }
    }

    @Test
    void withoutJitterEveryDrawGivesTheSameDelay() {
        PollingPolicy exact = policy.toBuilder().jitter(0).build();

        assertThat(exact.nextDelay(
                        TaskType.Kind.VIDEO_DIFFUSION, Duration.ofSeconds(200), JobStatus.PROCESSING, LOWEST, polling))
                .isEqualTo(exact.nextDelay(
                        TaskType.Kind.VIDEO_DIFFUSION,
                        Duration.ofSeconds(200),
                        JobStatus.PROCESSING,
                        HIGHEST,
                        polling));
    }

    // ---------------------------------------------------------------- overdue backoff, bounds

    @ParameterizedTest
    @CsvSource({"480, 10", "600, 22", "780, 40", "960, 58", "3600, 60", "86400, 60"})
    void anOverdueJobBacksOffByATenthOfTheTimeOverdueUpToTheMaximum(long elapsed, long seconds) {
        assertThat(next(TaskType.Kind.VIDEO_DIFFUSION, elapsed, MIDDLE)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @CsvSource({"0, 10", "100, 20", "300, 40", "3600, 60"})
    void anUnknownKindIsPolledFromTheStartWithTheBackoff(long elapsed, long seconds) {
        assertThat(next(TaskType.Kind.UNKNOWN, elapsed, MIDDLE)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void noDelayIsShorterThanTheMinimum() {
        PollingPolicy fast = policy.toBuilder()
                .minInterval(Duration.ofSeconds(2))
                .interval(Duration.ofSeconds(2))
                .jitter(0.5)
                .build();

        assertThat(fast.nextDelay(
                        TaskType.Kind.VIDEO_DIFFUSION, Duration.ofSeconds(200), JobStatus.PROCESSING, LOWEST, polling))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(fast.nextDelay(
                        TaskType.Kind.VIDEO_DIFFUSION,
                        Duration.ofMillis(149_999),
                        JobStatus.PROCESSING,
                        LOWEST,
                        polling))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void noWindowOrOverdueDelayIsLongerThanTheMaximum() {
        PollingPolicy capped =
                policy.toBuilder().maxInterval(Duration.ofSeconds(30)).build();

        assertThat(capped.nextDelay(
                        TaskType.Kind.VIDEO_DIFFUSION, Duration.ofHours(2), JobStatus.PROCESSING, HIGHEST, polling))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(capped.nextDelay(TaskType.Kind.UNKNOWN, Duration.ofHours(2), JobStatus.PENDING, HIGHEST, polling))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pending", "staged", "processing", "rendering", ""})
    void everyStatusThatIsNotTerminalIsPolledAlike(String status) {
        assertThat(policy.nextDelay(
                        TaskType.Kind.VIDEO_DIFFUSION, Duration.ofSeconds(200), JobStatus.of(status), MIDDLE, polling))
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void negativeElapsedCountsAsZero() {
        assertThat(policy.nextDelay(
                        TaskType.Kind.VIDEO_DIFFUSION, Duration.ofSeconds(-30), JobStatus.PENDING, MIDDLE, polling))
                .isEqualTo(Duration.ofSeconds(160));
    }

    // ---------------------------------------------------------------- overrides

    @ParameterizedTest
    @ValueSource(longs = {0, 100, 200, 3600})
    void aFixedIntervalOverridesTheScheduleExactly(long elapsed) {
        WaitOptions fixed = polling.withFixedInterval(Duration.ofSeconds(3));

        assertThat(policy.nextDelay(
                        TaskType.Kind.VIDEO_DIFFUSION,
                        Duration.ofSeconds(elapsed),
                        JobStatus.PROCESSING,
                        HIGHEST,
                        fixed))
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.nextDelay(
                        TaskType.Kind.VIDEO_DIFFUSION,
                        Duration.ofSeconds(elapsed),
                        JobStatus.PROCESSING,
                        HIGHEST,
                        fixed.withCallbackExpected(true)))
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void withACallbackExpectedTheFirstLookComesOneIntervalAfterTheLatestCompletion() {
        assertThat(policy.nextDelay(
                        TaskType.Kind.VIDEO_DIFFUSION, Duration.ZERO, JobStatus.PENDING, MIDDLE, withCallback))
                .isEqualTo(Duration.ofSeconds(490));
        assertThat(policy.nextDelay(
                        TaskType.Kind.EXTEND_VIDEO,
                        Duration.ofSeconds(200),
                        JobStatus.PROCESSING,
                        MIDDLE,
                        withCallback))
                .isEqualTo(Duration.ofSeconds(170));
    }

    @Test
    void withACallbackExpectedAnOverdueJobIsLookedAtByTheSafetyNet() {
        assertThat(policy.nextDelay(
                        TaskType.Kind.VIDEO_DIFFUSION,
                        Duration.ofSeconds(500),
                        JobStatus.PROCESSING,
                        MIDDLE,
                        withCallback))
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.toBuilder()
                        .safetyNetInterval(Duration.ofMinutes(5))
                        .build()
                        .nextDelay(
                                TaskType.Kind.UNKNOWN,
                                Duration.ofSeconds(10),
                                JobStatus.PROCESSING,
                                MIDDLE,
                                withCallback))
                .isEqualTo(Duration.ofMinutes(5));
    }

    // ---------------------------------------------------------------- retries

    @ParameterizedTest
    @CsvSource({"1, 2", "2, 4", "3, 8", "4, 16", "5, 32", "6, 60", "40, 60"})
    void aFailedLookupIsRetriedDoublingFromTheMinimumUpToTheMaximum(int failures, long seconds) {
        assertThat(policy.toBuilder().jitter(0).build().retryDelay(failures, Optional.empty(), MIDDLE, polling))
                .isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void theRetryHintIsHonouredEvenBeyondTheMaximum() {
        assertThat(policy.retryDelay(1, Optional.of(Duration.ofSeconds(45)), HIGHEST, polling))
                .isEqualTo(Duration.ofSeconds(45));
        assertThat(policy.retryDelay(1, Optional.of(Duration.ofMinutes(5)), HIGHEST, polling))
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aRetryHintShorterThanTheBackoffDoesNotShortenIt() {
        assertThat(policy.toBuilder()
                        .jitter(0)
                        .build()
                        .retryDelay(4, Optional.of(Duration.ofSeconds(1)), MIDDLE, polling))
                .isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void aFixedIntervalAlsoPacesRetriesButNotFasterThanTheHint() {
        WaitOptions fixed = polling.withFixedInterval(Duration.ofSeconds(3));

        assertThat(policy.retryDelay(5, Optional.empty(), MIDDLE, fixed)).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.retryDelay(1, Optional.of(Duration.ofSeconds(20)), MIDDLE, fixed))
                .isEqualTo(Duration.ofSeconds(20));
    }

    // ---------------------------------------------------------------- estimates

    @Test
    void expectedRemainingCountsDownTheTypicalDurationToZero() {
        assertThat(policy.expectedRemaining(TaskType.Kind.VIDEO_DIFFUSION, Duration.ofSeconds(60)))
                .contains(Duration.ofSeconds(180));
        assertThat(policy.expectedRemaining(TaskType.Kind.VIDEO_DIFFUSION, Duration.ofSeconds(300)))
                .contains(Duration.ZERO);
        assertThat(policy.expectedRemaining(TaskType.Kind.UNKNOWN, Duration.ZERO))
                .isEmpty();
    }

    @Test
    void everyKnownKindHasAnExpectation() {
        assertThat(Arrays.stream(TaskType.Kind.values()).filter(k -> k != TaskType.Kind.UNKNOWN))
                .allSatisfy(k -> assertThat(policy.expectation(k)).isNotEqualTo(PollingPolicy.Expectation.NONE));
        assertThat(policy.expectation(TaskType.Kind.UNKNOWN)).isEqualTo(PollingPolicy.Expectation.NONE);
    }

    /** A kind added to {@link TaskType.Kind} without a row in the policy's table fails here, not silently. */
    @ParameterizedTest
    @EnumSource(TaskType.Kind.class)
    void everyKindHasAnExplicitExpectationAndOnlyUnknownHasNone(TaskType.Kind kind) {
        assertThat(policy.expectations()).containsKey(kind);
        if (kind == TaskType.Kind.UNKNOWN) {
            assertThat(policy.expectations().get(kind)).isEqualTo(PollingPolicy.Expectation.NONE);
            assertThat(policy.expectedRemaining(kind, Duration.ZERO)).isEmpty();
        } else {
            assertThat(policy.expectations().get(kind)).isNotEqualTo(PollingPolicy.Expectation.NONE);
            assertThat(policy.expectedRemaining(kind, Duration.ZERO)).isPresent();
        }
    }

    @Test
    void theBuilderStartsFromTheDefaultsAndChangesOnlyWhatItIsTold() {
        PollingPolicy built = PollingPolicy.builder().jitter(0).build();

        assertThat(PollingPolicy.builder().build()).isEqualTo(PollingPolicy.defaults());
        assertThat(built.jitter()).isZero();
        assertThat(built.toBuilder().jitter(PollingPolicy.DEFAULT_JITTER).build())
                .isEqualTo(policy);
    }

    @Test
    void anExpectationCanBeReplacedPerKind() {
        PollingPolicy quick = policy.toBuilder()
                .expectation(TaskType.Kind.VIDEO_DIFFUSION, PollingPolicy.Expectation.ofSeconds(10, 20, 30))
                .build();

        assertThat(quick.nextDelay(TaskType.Kind.VIDEO_DIFFUSION, Duration.ZERO, JobStatus.PENDING, MIDDLE, polling))
                .isEqualTo(Duration.ofSeconds(20));
        assertThat(quick.expectation(TaskType.Kind.EXTEND_VIDEO))
                .isEqualTo(policy.expectation(TaskType.Kind.EXTEND_VIDEO));
    }

    // ---------------------------------------------------------------- the economy, without threads

    /**
     * The target, for the pure function alone: durations uniform over 150-360 s, the wait starting from
     * the submitted job. The benchmark in legnext-cli measures the same through the waiter and the fake.
     */
    @Test
    void forVideosOf150To360SecondsMeanLookupsStayAtMost12AndTheP95DelayAtMost10Seconds() {
        SplittableRandom random = new SplittableRandom(42);
        int jobs = 5000;
        double[] delays = new double[jobs];
        long lookups = 0;
        for (int i = 0; i < jobs; i++) {
            double duration = 150 + random.nextDouble() * 210;
            double t = 0;
            while (true) {
                t += seconds(policy.nextDelay(
                        TaskType.Kind.VIDEO_DIFFUSION,
                        Duration.ofMillis((long) (t * 1000)),
                        JobStatus.PROCESSING,
                        random.nextDouble(),
                        polling));
                lookups++;
                if (t >= duration) {
                    break;
                }
            }
            delays[i] = t - duration;
        }
        Arrays.sort(delays);

        assertThat((double) lookups / jobs).isLessThanOrEqualTo(11.5);
        assertThat(delays[(int) Math.ceil(0.95 * jobs) - 1]).isLessThanOrEqualTo(10.0);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    // ---------------------------------------------------------------- rejects

    @Test
    void rejectsATerminalStatus() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> policy.nextDelay(
                        TaskType.Kind.VIDEO_DIFFUSION, Duration.ZERO, JobStatus.COMPLETED, MIDDLE, polling))
                .withMessageStartingWith("'status' must not be terminal, was completed");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0, Double.NaN})
    void rejectsADrawOutsideZeroToOne(double draw) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> policy.nextDelay(
                        TaskType.Kind.VIDEO_DIFFUSION, Duration.ZERO, JobStatus.PENDING, draw, polling))
                .withMessage("'draw' must be in [0, 1), was " + draw);
    }

    @Test
    void rejectsFewerThanOneFailure() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> policy.retryDelay(0, Optional.empty(), MIDDLE, polling))
                .withMessage("'failures' must be at least 1, was 0");
    }

    static Stream<Arguments> invalidPolicies() {
        return Stream.of(
                invalid(p -> p.interval(Duration.ZERO), "'interval' must be a positive duration, was PT0S"),
                invalid(
                        p -> p.minInterval(Duration.ofSeconds(-1)),
                        "'minInterval' must be a positive duration, was PT-1S"),
                invalid(
                        p -> p.maxInterval(Duration.ofSeconds(1)),
                        "'maxInterval' must be at least 'minInterval' (PT2S), was PT1S"),
                invalid(
                        p -> p.interval(Duration.ofSeconds(61)),
                        "'interval' must be between 'minInterval' (PT2S) and 'maxInterval' (PT1M), was PT1M1S"),
                invalid(p -> p.jitter(0.6), "'jitter' must be between 0 and 0.5, was 0.6"),
                invalid(p -> p.jitter(Double.NaN), "'jitter' must be between 0 and 0.5, was NaN"),
                invalid(p -> p.backoffRate(-1), "'backoffRate' must be between 0 and 10.0, was -1.0"),
                invalid(
                        p -> p.safetyNetInterval(null),
                        "'safetyNetInterval' must be a positive duration, was" + " null"));
    }

    private static Arguments invalid(UnaryOperator<PollingPolicyBuilder> change, String message) {
        return Arguments.of(change, message);
    }

    @ParameterizedTest
    @MethodSource("invalidPolicies")
    void rejectsSettingsOutOfBoundsNamingTheSettingAndValue(
            UnaryOperator<PollingPolicyBuilder> change, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> change.apply(PollingPolicy.builder()).build())
                .withMessage(message);
    }

    @Test
    void rejectsExpectationsThatMissAKindNamingIt() {
        Map<TaskType.Kind, PollingPolicy.Expectation> partial = new EnumMap<>(policy.expectations());
        partial.remove(TaskType.Kind.PAN);
        partial.remove(TaskType.Kind.UNKNOWN);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PollingPolicy(
                        policy.interval(),
                        policy.minInterval(),
                        policy.maxInterval(),
                        policy.jitter(),
                        policy.backoffRate(),
                        policy.safetyNetInterval(),
                        partial))
                .withMessage("'expectations' must have an expectation for every kind (use Expectation.NONE for"
                        + " none), was missing [PAN, UNKNOWN]");
    }

    @Test
    void rejectsAnExpectationOutOfOrder() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PollingPolicy.Expectation.ofSeconds(100, 50, 200))
                .withMessage("'typical' must be at least 'earliest' (PT1M40S), was PT50S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PollingPolicy.Expectation.ofSeconds(10, 50, 20))
                .withMessage("'latest' must be at least 'typical' (PT50S), was PT20S");
    }
}
