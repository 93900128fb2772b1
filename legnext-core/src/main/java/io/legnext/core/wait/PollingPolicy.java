package io.legnext.core.wait;

import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When to look a job up next: a pure function of the job's kind, the time since it was created, its status, the
 * failures so far and a random draw, so waiting is cheap, prompt, testable and benchmarkable without threads.
 *
 * <h2>The algorithm</h2>
 * Each kind of job has an {@link Expectation}: the earliest time a job of that kind typically completes, its
 * typical duration and the latest time nearly all have completed. With {@code e} the time since the job was created
 * and {@code j = 1 + jitter * (2 * draw - 1)}:
 * <ol>
 * <li><b>Quiet period</b> ({@code e < earliest}): nothing can be learned yet, so the next look comes one interval
 * after the earliest completion: {@code earliest - e + interval * j}. A look at the earliest moment itself would
 * almost never find the job done. This is the only adaptive delay that may exceed {@link #maxInterval()}.</li>
 * <li><b>Window</b> ({@code earliest <= e < latest}): every {@code interval * j}; completion is then noticed within
 * one interval (the 95th percentile of the delay is about {@code 0.95 * interval}).</li>
 * <li><b>Overdue</b> ({@code e >= latest}, and at once for kinds with no expectation): the interval grows by
 * {@link #backoffRate()} of the time overdue, {@code (interval + backoffRate * (e - latest)) * j}, i.e. about
 * {@code x(1 + backoffRate)} per look, up to {@link #maxInterval()}.</li>
 * </ol>
 * Every adaptive delay is at least {@link #minInterval()}; window and overdue delays are at most
 * {@link #maxInterval()}. Three things override the adaptive schedule: {@link WaitOptions#fixedInterval()} (used
 * exactly, no jitter: the caller asked for it), a callback expected ({@link WaitOptions#callbackExpected()}: the
 * next look one interval after the kind's latest completion, then a safety net every
 * {@link #safetyNetInterval()} (or the overdue interval, when longer), since the callback
 * completes the wait as soon as it arrives) and, after a failed lookup, {@link #retryDelay}. Statuses other than
 * completed and failed, including values legnext does not know, are all polled alike: the service's queue states
 * are not documented well enough to lean on.
 *
 * <h2>Defaults, and why</h2>
 * <ul>
 * <li>interval 10 s: the vendor advises 10-30 s; 10 s keeps the 95th percentile of the delay between completion and
 * its detection under 10 s. For durations uniform over 150-360 s this costs about 11 lookups per job from a submit
 * (one more when resuming by id), against about 85 for the official Python SDK's fixed 3 s.</li>
 * <li>jitter 0.1: spreads the looks of jobs submitted together without changing the mean interval.</li>
 * <li>minimum interval 2 s: looking more often learns nothing about a job that takes minutes, and spends the
 * account's request budget.</li>
 * <li>maximum interval 60 s: an overdue job (a long queue, a slow 720p render) is still noticed within a
 * minute.</li>
 * <li>backoff rate 0.1: a job 2 minutes overdue is looked at every 22 s, 8 minutes overdue every 58 s.</li>
 * <li>safety net 60 s: when a callback is expected, a lost callback is noticed within a minute of the kind's latest
 * completion.</li>
 * <li>expectations, by kind alone (all a resumed wait knows): video diffusion 150 s / 4 min / 8 min (documented
 * 3-5 min at 480p, 720p slower; the fastest real job seen ran 155 s); extend 150 s / 4 min / 6 min (3-5 min);
 * video upscale 210 s / 5 min / 7 min (4-6 min); image kinds 20 s / 1 min / 2 min (about a minute); unknown kinds
 * none, so they are polled from the start with the overdue backoff: 10 s growing to 60 s.</li>
 * </ul>
 *
 * @param interval the interval while a job is expected to complete
 * @param minInterval the shortest adaptive delay
 * @param maxInterval the longest window or overdue delay, and the cap of the error backoff
 * @param jitter the relative spread of every jittered delay, 0 to {@link #MAX_JITTER}
 * @param backoffRate how much of the time overdue is added to the interval, 0 to {@link #MAX_BACKOFF_RATE}
 * @param safetyNetInterval the interval after the latest completion while a callback is expected
 * @param expectations how long each kind of job takes, for every kind ({@link TaskType.Kind#UNKNOWN} included:
 *     {@link Expectation#NONE} by default); build a policy with {@link #builder()} to change only some
 */
public record PollingPolicy(
        Duration interval,
        Duration minInterval,
        Duration maxInterval,
        double jitter,
        double backoffRate,
        Duration safetyNetInterval,
        Map<TaskType.Kind, Expectation> expectations) {

    /** The largest jitter accepted: beyond it a jittered delay could nearly vanish. */
    public static final double MAX_JITTER = 0.5;
    /** The largest backoff rate accepted. */
    public static final double MAX_BACKOFF_RATE = 10;
    /** The interval while a job is expected to complete, by default. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** The shortest adaptive delay, by default. */
    public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofSeconds(2);
    /** The longest window or overdue delay, by default. */
    public static final Duration DEFAULT_MAX_INTERVAL = Duration.ofSeconds(60);
    /** The relative spread of delays, by default. */
    public static final double DEFAULT_JITTER = 0.1;
    /** The share of the time overdue added to the interval, by default. */
    public static final double DEFAULT_BACKOFF_RATE = 0.1;
    /** The safety-net interval while a callback is expected, by default. */
    public static final Duration DEFAULT_SAFETY_NET_INTERVAL = Duration.ofSeconds(60);

    private static final Expectation VIDEO_DIFFUSION = Expectation.ofSeconds(150, 240, 480);
    private static final Expectation EXTEND_VIDEO = Expectation.ofSeconds(150, 240, 360);
    private static final Expectation VIDEO_UPSCALE = Expectation.ofSeconds(210, 300, 420);
    private static final Expectation IMAGE = Expectation.ofSeconds(20, 60, 120);

    /** The default expectation of every kind; the constructor rejects a table that misses one. */
    private static final Map<TaskType.Kind, Expectation> DEFAULT_EXPECTATIONS = defaultExpectations();

    private static final PollingPolicy DEFAULTS = new PollingPolicy(
            DEFAULT_INTERVAL,
            DEFAULT_MIN_INTERVAL,
            DEFAULT_MAX_INTERVAL,
            DEFAULT_JITTER,
            DEFAULT_BACKOFF_RATE,
            DEFAULT_SAFETY_NET_INTERVAL,
            DEFAULT_EXPECTATIONS);

    public PollingPolicy {
        requirePositive("interval", interval);
        requirePositive("minInterval", minInterval);
        requirePositive("maxInterval", maxInterval);
        requirePositive("safetyNetInterval", safetyNetInterval);
        if (maxInterval.compareTo(minInterval) < 0) {
            throw new IllegalArgumentException(
                    "'maxInterval' must be at least 'minInterval' (" + minInterval + "), was " + maxInterval);
        }
        if (interval.compareTo(minInterval) < 0 || interval.compareTo(maxInterval) > 0) {
            throw new IllegalArgumentException("'interval' must be between 'minInterval' (" + minInterval
                    + ") and 'maxInterval' (" + maxInterval + "), was " + interval);
        }
        if (!(jitter >= 0 && jitter <= MAX_JITTER)) {
            throw new IllegalArgumentException("'jitter' must be between 0 and " + MAX_JITTER + ", was " + jitter);
        }
        if (!(backoffRate >= 0 && backoffRate <= MAX_BACKOFF_RATE)) {
            throw new IllegalArgumentException(
                    "'backoffRate' must be between 0 and " + MAX_BACKOFF_RATE + ", was " + backoffRate);
        }
        Objects.requireNonNull(expectations, "expectations");
        expectations.forEach((kind, expectation) -> {
            Objects.requireNonNull(kind, "expectations: kind");
            Objects.requireNonNull(expectation, "expectations: expectation of " + kind);
        });
        Set<TaskType.Kind> missing = EnumSet.allOf(TaskType.Kind.class);
        missing.removeAll(expectations.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("'expectations' must have an expectation for every kind (use"
                    + " Expectation.NONE for none), was missing " + missing);
        }
        expectations = Map.copyOf(expectations);
    }

    /** The documented defaults; see the type's description for each value and its reason. */
    public static PollingPolicy defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the {@linkplain #defaults() defaults}. */
    public static PollingPolicyBuilder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder starting from this policy. */
    public PollingPolicyBuilder toBuilder() {
        return new PollingPolicyBuilder(this);
    }

    private static Map<TaskType.Kind, Expectation> defaultExpectations() {
        Map<TaskType.Kind, Expectation> m = new EnumMap<>(TaskType.Kind.class);
        for (TaskType.Kind kind : TaskType.Kind.values()) {
            m.put(kind, defaultExpectation(kind));
        }
        return m;
    }

    /**
     * The default expectation of one kind. Exhaustive, without a default branch: a new kind does not compile until it
     * is given its own row here.
     */
    private static Expectation defaultExpectation(TaskType.Kind kind) {
        return switch (kind) {
            case VIDEO_DIFFUSION -> VIDEO_DIFFUSION;
            case EXTEND_VIDEO -> EXTEND_VIDEO;
            case VIDEO_UPSCALE -> VIDEO_UPSCALE;
            case DIFFUSION, VARIATION, UPSCALE, REROLL, BLEND, PAN, OUTPAINT, INPAINT, REMIX -> IMAGE;
            // Nothing is known of a kind legnext does not recognise: polled from the start with the overdue backoff.
            case UNKNOWN -> Expectation.NONE;
        };
    }

    // ---------------------------------------------------------------- the function

    /**
     * The delay before the next lookup of a job that is not terminal.
     *
     * @param kind the job's kind ({@link TaskType.Kind#UNKNOWN} when not known yet)
     * @param elapsed time since the job was created (or since the wait began, when that is longer or the creation
     *     time is unknown); negative counts as zero
     * @param status the job's last seen status; must not be terminal
     * @param draw a random number in [0, 1) that places the delay within the jitter
     * @param options the wait's options: a fixed interval or an expected callback change the schedule
     * @return the delay, never negative
     */
    public Duration nextDelay(
            TaskType.Kind kind, Duration elapsed, JobStatus status, double draw, WaitOptions options) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(options, "options");
        if (status.isTerminal()) {
            throw new IllegalArgumentException(
                    "'status' must not be terminal, was " + status + "; a terminal job is not looked up again");
        }
        double factor = jitterFactor(draw);
        if (options.fixedInterval().isPresent()) {
            return options.fixedInterval().get();
        }
        double e = seconds(nonNegative(elapsed));
        Expectation x = expectation(kind);
        double earliest = seconds(x.earliest());
        double latest = seconds(x.latest());
        double base = seconds(interval);
        if (options.callbackExpected()) {
            if (e < latest) {
                return atLeastMin(latest - e + base * factor);
            }
            return atLeastMin(Math.max(seconds(safetyNetInterval), overdueInterval(e - latest)) * factor);
        }
        if (e < earliest) {
            return atLeastMin(earliest - e + base * factor);
        }
        if (e < latest) {
            return clamp(base * factor);
        }
        return clamp(overdueInterval(e - latest) * factor);
    }

    /**
     * The delay before retrying a lookup that failed with a retryable error (service unavailable, rate limited):
     * {@code minInterval * 2^(failures - 1)} with jitter, at most {@link #maxInterval()}; the fixed interval instead
     * when one is set; and never sooner than the service's retry hint, which is honoured even beyond
     * {@link #maxInterval()} because the service asked for it.
     *
     * @param failures consecutive failed lookups, at least 1
     * @param retryAfter the service's retry hint, when it gave one
     * @param draw a random number in [0, 1) that places the delay within the jitter
     * @param options the wait's options
     */
    public Duration retryDelay(int failures, Optional<Duration> retryAfter, double draw, WaitOptions options) {
        if (failures < 1) {
            throw new IllegalArgumentException("'failures' must be at least 1, was " + failures);
        }
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(options, "options");
        double factor = jitterFactor(draw);
        Duration base;
        if (options.fixedInterval().isPresent()) {
            base = options.fixedInterval().get();
        } else {
            double doubling = Math.pow(2, Math.min(failures - 1, 30));
            base = clamp(Math.min(seconds(minInterval) * doubling, seconds(maxInterval)) * factor);
        }
        Duration hint = retryAfter.map(PollingPolicy::nonNegative).orElse(Duration.ZERO);
        return hint.compareTo(base) > 0 ? hint : base;
    }

    /**
     * How long a job of this kind typically still needs: empty when the kind has no expectation, zero once the
     * typical duration has passed.
     */
    public Optional<Duration> expectedRemaining(TaskType.Kind kind, Duration elapsed) {
        Expectation x = expectation(kind);
        if (x.equals(Expectation.NONE)) {
            return Optional.empty();
        }
        Duration remaining = x.typical().minus(nonNegative(elapsed));
        return Optional.of(remaining.isNegative() ? Duration.ZERO : remaining);
    }

    /** How long jobs of this kind take; {@link Expectation#NONE} for kinds the policy has no figures for. */
    public Expectation expectation(TaskType.Kind kind) {
        // Never null: the constructor requires an expectation for every kind.
        return expectations.get(Objects.requireNonNull(kind, "kind"));
    }

    // ---------------------------------------------------------------- internals

    private double overdueInterval(double overdueSeconds) {
        return seconds(interval) + backoffRate * overdueSeconds;
    }

    private double jitterFactor(double draw) {
        if (!(draw >= 0 && draw < 1)) {
            throw new IllegalArgumentException("'draw' must be in [0, 1), was " + draw);
        }
        return 1 + jitter * (2 * draw - 1);
    }

    private Duration clamp(double seconds) {
        return ofSeconds(Math.min(Math.max(seconds, seconds(minInterval)), seconds(maxInterval)));
    }

    private Duration atLeastMin(double seconds) {
        return ofSeconds(Math.max(seconds, seconds(minInterval)));
    }

    private static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }

    private static Duration ofSeconds(double seconds) {
        // Millisecond precision is plenty for delays of seconds, and keeps figures readable.
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private static Duration nonNegative(Duration d) {
        return d == null || d.isNegative() ? Duration.ZERO : d;
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("'" + name + "' must be a positive duration, was " + value);
        }
    }

    /**
     * How long one kind of job takes: nearly none completes before {@code earliest}, a typical one takes
     * {@code typical}, nearly all have completed by {@code latest}.
     *
     * @param earliest the earliest typical completion, measured from the job's creation
     * @param typical the typical duration, for progress estimates
     * @param latest the latest typical completion; the job counts as overdue after it
     */
    public record Expectation(Duration earliest, Duration typical, Duration latest) {

        /** Nothing known: polled from the start with the overdue backoff, and no estimate of the remaining time. */
        public static final Expectation NONE = new Expectation(Duration.ZERO, Duration.ZERO, Duration.ZERO);

        public Expectation {
            Objects.requireNonNull(earliest, "earliest");
            Objects.requireNonNull(typical, "typical");
            Objects.requireNonNull(latest, "latest");
            if (earliest.isNegative()) {
                throw new IllegalArgumentException("'earliest' must not be negative, was " + earliest);
            }
            if (typical.compareTo(earliest) < 0) {
                throw new IllegalArgumentException(
                        "'typical' must be at least 'earliest' (" + earliest + "), was " + typical);
            }
            if (latest.compareTo(typical) < 0) {
                throw new IllegalArgumentException(
                        "'latest' must be at least 'typical' (" + typical + "), was " + latest);
            }
        }

        /** An expectation in whole seconds. */
        public static Expectation ofSeconds(long earliest, long typical, long latest) {
            return new Expectation(
                    Duration.ofSeconds(earliest), Duration.ofSeconds(typical), Duration.ofSeconds(latest));
        }
    }
}
