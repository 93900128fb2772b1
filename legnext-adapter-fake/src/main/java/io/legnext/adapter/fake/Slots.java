package io.legnext.adapter.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How many of the account's jobs run at once: at most {@code limit} process at any instant. An extra job either
 * waits, pending, until a slot frees (its start is computed when it is accepted, from the other jobs' intervals, so
 * nothing is scheduled), or is refused with 429 and a {@code Retry-After} of when the earliest slot frees. Not
 * thread-safe: the service calls it holding its lock.
 */
final class Slots {

    /** What happens to a job beyond the limit. */
    enum WhenBusy {
        QUEUE,
        REJECT
    }

    private final int limit;
    private final WhenBusy whenBusy;
    /** {start, end} in service milliseconds of every job that had not ended when last pruned. */
    private final List<long[]> live = new ArrayList<>();

    Slots(int limit, WhenBusy whenBusy) {
        this.limit = limit;
        this.whenBusy = whenBusy;
    }

    /** Whether there is a limit at all; without one nothing is tracked. */
    private boolean limited() {
        return limit != Integer.MAX_VALUE;
    }

    /** Counts a job that was accepted (or replayed). */
    void add(FakeJob job) {
        if (limited()) {
            live.add(new long[] {job.createdMillis() + job.processingAfter(), job.endedMillis()});
        }
    }

    void clear() {
        live.clear();
    }

    /**
     * How much later than it would otherwise a job accepted at {@code now} starts processing, given that it would
     * process from {@code now + processingAfter} to {@code now + endedAfter}; a job that must wait so long that the
     * fake could not store it is refused like one in reject mode.
     *
     * @throws io.legnext.core.error.RateLimitedException when the job is refused
     */
    long delay(String attempted, long now, int processingAfter, int endedAfter) {
        if (!limited()) {
            return 0;
        }
        live.removeIf(interval -> interval[1] <= now);
        if (whenBusy == WhenBusy.REJECT) {
            if (live.size() >= limit) {
                throw refusal(attempted, now);
            }
            return 0;
        }
        long start = now + processingAfter;
        long duration = (long) endedAfter - processingAfter;
        long best = start;
        if (busiest(start, duration) >= limit) {
            best = Long.MAX_VALUE;
            for (long[] interval : live) {
                long candidate = interval[1];
                if (candidate > start && candidate < best && busiest(candidate, duration) < limit) {
                    best = candidate;
                }
            }
        }
        long delay = best - start;
        if (best == Long.MAX_VALUE || (long) endedAfter + delay > Integer.MAX_VALUE) {
            throw refusal(attempted, now);
        }
        return delay;
    }

    /** The most jobs processing at once at any instant of {@code [from, from + duration)}. */
    private int busiest(long from, long duration) {
        long to = from + Math.max(1, duration);
        int most = 0;
        // The count over a window peaks at its start or where an interval starts inside it.
        most = Math.max(most, runningAt(from));
        for (long[] interval : live) {
            if (interval[0] > from && interval[0] < to) {
                most = Math.max(most, runningAt(interval[0]));
            }
        }
        return most;
    }

    private int runningAt(long instant) {
        int n = 0;
        for (long[] interval : live) {
            if (interval[0] <= instant && instant < interval[1]) {
                n++;
            }
        }
        return n;
    }

    private RuntimeException refusal(String attempted, long now) {
        long earliest = Long.MAX_VALUE;
        for (long[] interval : live) {
            earliest = Math.min(earliest, interval[1]);
        }
        Duration retryAfter = earliest == Long.MAX_VALUE ? null : Duration.ofMillis(Math.max(0, earliest - now));
        return Rejections.busy(attempted, limit, retryAfter);
    }
}
