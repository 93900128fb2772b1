package io.legnext.core.batch;

import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.wait.WaitOptions;
import java.util.Objects;

/**
 * How a batch runs: how many of its jobs may be in flight (submitted and not yet seen to end) at once, how each
 * job is waited for, and what each kind costs for the estimate.
 *
 * @param maxInFlight at most this many jobs submitted and unfinished at once, 1 to {@value #MAX_IN_FLIGHT};
 *     {@value #DEFAULT_MAX_IN_FLIGHT} by default, what the service runs of one account at once
 * @param waitOptions how each job is waited for (the adaptive polling policy unless a fixed interval is set)
 * @param costs what each kind costs, for the estimate and the balance check
 */
public record BatchOptions(int maxInFlight, WaitOptions waitOptions, BatchCosts costs) {

    /** The service runs about 6 jobs of one account at once; more only queue there. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 6;
    /** The most jobs in flight a batch accepts. */
    public static final int MAX_IN_FLIGHT = 1000;

    public BatchOptions {
        if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT) {
            throw new InvalidRequestException("maxInFlight", "between 1 and " + MAX_IN_FLIGHT, maxInFlight);
        }
        waitOptions = Objects.requireNonNullElse(waitOptions, WaitOptions.defaults());
        costs = Objects.requireNonNullElse(costs, BatchCosts.defaults());
    }

    /** 6 in flight, the default wait, the default costs. */
    public static BatchOptions defaults() {
        return new BatchOptions(DEFAULT_MAX_IN_FLIGHT, WaitOptions.defaults(), BatchCosts.defaults());
    }

    /** The same options with another limit. */
    public BatchOptions withMaxInFlight(int value) {
        return new BatchOptions(value, waitOptions, costs);
    }

    /** The same options waiting otherwise. */
    public BatchOptions withWaitOptions(WaitOptions value) {
        return new BatchOptions(maxInFlight, value, costs);
    }

    /** The same options with another cost table. */
    public BatchOptions withCosts(BatchCosts value) {
        return new BatchOptions(maxInFlight, waitOptions, value);
    }
}
