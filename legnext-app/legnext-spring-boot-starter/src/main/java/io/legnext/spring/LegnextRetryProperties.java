package io.legnext.spring;

import static io.legnext.spring.LegnextProperties.PREFIX;
import static io.legnext.spring.LegnextProperties.notNegative;

import java.time.Duration;

/** A retry policy; unset values keep the default policy's. */
public class LegnextRetryProperties {
    /** Attempts in all, from 1 to 20. */
    private Integer maxAttempts;

    /** The first backoff ceiling. */
    private Duration initialBackoff;

    /** The largest backoff ceiling. */
    private Duration maxBackoff;

    /** The longest {@code Retry-After} honoured. */
    private Duration maxRetryAfter;

    /** The most time spent on one call, retries included. */
    private Duration deadline;

    public Integer getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(Integer maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public Duration getMaxRetryAfter() {
        return maxRetryAfter;
    }

    public void setMaxRetryAfter(Duration maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    public Duration getDeadline() {
        return deadline;
    }

    public void setDeadline(Duration deadline) {
        this.deadline = deadline;
    }

    /** Whether any value is set. */
    public boolean isSet() {
        return maxAttempts != null
                || initialBackoff != null
                || maxBackoff != null
                || maxRetryAfter != null
                || deadline != null;
    }

    void check(String name) {
        if (maxAttempts != null && (maxAttempts < 1 || maxAttempts > 20)) {
            throw new LegnextPropertiesException(
                    PREFIX + "." + name + ".max-attempts",
                    "'" + PREFIX + "." + name + ".max-attempts' must be between 1 and 20, was " + maxAttempts);
        }
        notNegative(name + ".initial-backoff", initialBackoff);
        notNegative(name + ".max-backoff", maxBackoff);
        notNegative(name + ".max-retry-after", maxRetryAfter);
        notNegative(name + ".deadline", deadline);
    }
}
