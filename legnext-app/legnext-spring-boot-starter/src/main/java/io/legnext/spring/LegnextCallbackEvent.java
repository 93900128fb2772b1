package io.legnext.spring;

import io.legnext.core.job.Job;
import java.time.Instant;
import java.util.Objects;

/**
 * Published as a Spring application event for each job state the webhook endpoint accepted (duplicates are not
 * published again); host code hears it with {@code @EventListener void on(LegnextCallbackEvent event)}. Listeners
 * run on the request's thread before the endpoint answers: keep them quick, or make them {@code @Async}.
 *
 * @param job the job as the callback reported it
 * @param receivedAt when the endpoint accepted it (wall clock)
 */
public record LegnextCallbackEvent(Job job, Instant receivedAt) {

    public LegnextCallbackEvent {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
