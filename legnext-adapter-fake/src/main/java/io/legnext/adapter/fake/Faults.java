package io.legnext.adapter.fake;

import io.legnext.core.job.JobFailure;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The scripted faults waiting to strike, each once: queued in the order they were armed, taken atomically by the
 * call they apply to, so that under concurrency exactly one call meets each.
 */
final class Faults {

    /** A fault that strikes a submit. */
    sealed interface SubmitFault permits RateLimit, Refusal {}

    /** Reject with 429 and this retry hint (null for none). */
    record RateLimit(Duration retryAfter) implements SubmitFault {}

    /** Refuse with 403, the moderation's reason in {@code rawMessage}. */
    record Refusal(String rawMessage) implements SubmitFault {}

    /** A fault that strikes a lookup. */
    sealed interface LookupFault permits Slow, LookupUnavailable {}

    /** Block this long, then answer. */
    record Slow(Duration delay) implements LookupFault {}

    /** Answer 503. */
    record LookupUnavailable() implements LookupFault {}

    final Queue<SubmitFault> submits = new ConcurrentLinkedQueue<>();
    final Queue<LookupFault> lookups = new ConcurrentLinkedQueue<>();
    final Queue<JobFailure> jobFailures = new ConcurrentLinkedQueue<>();
    /** Each entry: the next accepted submit creates its job, then answers 503 as if the response was lost. */
    final Queue<Boolean> lostResponses = new ConcurrentLinkedQueue<>();

    void clear() {
        submits.clear();
        lookups.clear();
        jobFailures.clear();
        lostResponses.clear();
    }

    /** Lets the next scripted refusal strike, before anything is checked or created. */
    void meetSubmit(String attempted, io.legnext.core.job.TaskType type) {
        SubmitFault fault = submits.poll();
        if (fault instanceof RateLimit r) {
            throw Rejections.rateLimited(attempted, r.retryAfter());
        }
        if (fault instanceof Refusal r) {
            throw Rejections.refused(attempted, type, r.rawMessage());
        }
    }
}
