package io.legnext.spring;

import static io.legnext.spring.LegnextProperties.PREFIX;
import static io.legnext.spring.LegnextProperties.positive;

import io.legnext.core.wait.PollingPolicy;
import java.time.Duration;

/** How waits poll; unset values keep {@link PollingPolicy#defaults()}. */
public class LegnextPollingProperties {
    /** The interval while a job is expected to complete (default 10 s). */
    private Duration interval;

    /** The shortest adaptive delay (default 2 s). */
    private Duration minInterval;

    /** The longest delay (default 60 s). */
    private Duration maxInterval;

    /** The relative spread of delays, 0 to 0.5 (default 0.1). */
    private Double jitter;

    /** The interval after the latest expected completion while a callback is expected (default 60 s). */
    private Duration safetyNetInterval;

    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public Duration getMinInterval() {
        return minInterval;
    }

    public void setMinInterval(Duration minInterval) {
        this.minInterval = minInterval;
    }

    public Duration getMaxInterval() {
        return maxInterval;
    }

    public void setMaxInterval(Duration maxInterval) {
        this.maxInterval = maxInterval;
    }

    public Double getJitter() {
        return jitter;
    }

    public void setJitter(Double jitter) {
        this.jitter = jitter;
    }

    public Duration getSafetyNetInterval() {
        return safetyNetInterval;
    }

    public void setSafetyNetInterval(Duration safetyNetInterval) {
        this.safetyNetInterval = safetyNetInterval;
    }

    void check() {
        positive("polling.interval", interval);
        positive("polling.min-interval", minInterval);
        positive("polling.max-interval", maxInterval);
        positive("polling.safety-net-interval", safetyNetInterval);
        if (jitter != null && !(jitter >= 0 && jitter <= PollingPolicy.MAX_JITTER)) {
            throw new LegnextPropertiesException(
                    PREFIX + ".polling.jitter",
                    "'" + PREFIX + ".polling.jitter'" + " must be between 0 and " + PollingPolicy.MAX_JITTER + ", was "
                            + jitter);
        }
    }

    /** The defaults with the values set here. */
    PollingPolicy policy() {
        var builder = PollingPolicy.defaults().toBuilder();
        if (interval != null) {
            builder.interval(interval);
        }
        if (minInterval != null) {
            builder.minInterval(minInterval);
        }
        if (maxInterval != null) {
            builder.maxInterval(maxInterval);
        }
        if (jitter != null) {
            builder.jitter(jitter);
        }
        if (safetyNetInterval != null) {
            builder.safetyNetInterval(safetyNetInterval);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new LegnextPropertiesException(PREFIX + ".polling", PREFIX + ".polling: " + e.getMessage());
        }
    }
}
