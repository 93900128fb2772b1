package io.legnext.core.wait;

import io.legnext.core.job.TaskType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link PollingPolicy} setting by setting (from {@link PollingPolicy#builder()} or
 * {@link PollingPolicy#toBuilder()}); {@link #build()} checks the bounds, naming the setting, the bound and the
 * value.
 */
public final class PollingPolicyBuilder {
    private Duration interval;
    private Duration minInterval;
    private Duration maxInterval;
    private double jitter;
    private double backoffRate;
    private Duration safetyNetInterval;
    private final Map<TaskType.Kind, PollingPolicy.Expectation> expectations = new EnumMap<>(TaskType.Kind.class);

    PollingPolicyBuilder(PollingPolicy from) {
        interval = from.interval();
        minInterval = from.minInterval();
        maxInterval = from.maxInterval();
        jitter = from.jitter();
        backoffRate = from.backoffRate();
        safetyNetInterval = from.safetyNetInterval();
        expectations.putAll(from.expectations());
    }

    /** The interval while a job is expected to complete. */
    public PollingPolicyBuilder interval(Duration value) {
        interval = value;
        return this;
    }

    /** The shortest adaptive delay. */
    public PollingPolicyBuilder minInterval(Duration value) {
        minInterval = value;
        return this;
    }

    /** The longest window or overdue delay, and the cap of the error backoff. */
    public PollingPolicyBuilder maxInterval(Duration value) {
        maxInterval = value;
        return this;
    }

    /** The relative spread of every jittered delay (0 for none). */
    public PollingPolicyBuilder jitter(double value) {
        jitter = value;
        return this;
    }

    /** How much of the time overdue is added to the interval. */
    public PollingPolicyBuilder backoffRate(double value) {
        backoffRate = value;
        return this;
    }

    /** The interval after the kind's latest completion while a callback is expected. */
    public PollingPolicyBuilder safetyNetInterval(Duration value) {
        safetyNetInterval = value;
        return this;
    }

    /** Expects jobs of {@code kind} to take {@code value}; the other kinds keep theirs. */
    public PollingPolicyBuilder expectation(TaskType.Kind kind, PollingPolicy.Expectation value) {
        expectations.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** The policy, once every setting is within its bounds. */
    public PollingPolicy build() {
        return new PollingPolicy(
                interval, minInterval, maxInterval, jitter, backoffRate, safetyNetInterval, expectations);
    }
}
