package io.legnext.core.service;

import io.legnext.core.error.NotFoundException;
import io.legnext.core.error.ServiceError;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobFailure;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A job query port whose jobs change state with the clock, as the service's do; records every lookup and fails
 * lookups on request. Thread-safe.
 */
final class ScriptedJobQuery implements io.legnext.core.port.out.JobQueryPort {

    /** One lookup: which job, when. */
    record Lookup(JobId id, Instant at) {}

    /** A job's statuses by time since its creation. */
    private record Script(TaskType type, Instant createdAt, NavigableMap<Duration, JobStatus> statuses) {
        Job at(JobId id, Instant now) {
            Duration age = Duration.between(createdAt, now);
            Map.Entry<Duration, JobStatus> e = statuses.floorEntry(age);
            JobStatus status = e == null ? JobStatus.PENDING : e.getValue();
            Job.Builder b = Job.builder(id, type, status).createdAt(createdAt);
            if (status.isTerminal()) {
                b.endedAt(createdAt.plus(e.getKey()));
            }
            if (status.equals(JobStatus.FAILED)) {
                b.failure(new JobFailure(10001, "Sensitive content detected", "moderation"));
            }
            return b.build();
        }
    }

    private final Clock clock;
    private final Map<JobId, Script> jobs = new ConcurrentHashMap<>();
    private final List<Lookup> lookups = new CopyOnWriteArrayList<>();
    private final Queue<RuntimeException> failures = new ConcurrentLinkedQueue<>();
    private volatile RuntimeException failAlways;

    ScriptedJobQuery(Clock clock) {
        this.clock = clock;
    }

    /** A job of {@code kind} created at {@code createdAt}: processing from then on, {@code end} after {@code runs}. */
    ScriptedJobQuery add(JobId id, TaskType.Kind kind, Instant createdAt, Duration runs, JobStatus end) {
        NavigableMap<Duration, JobStatus> statuses = new TreeMap<>();
        statuses.put(Duration.ZERO, JobStatus.PROCESSING);
        statuses.put(runs, end);
        return add(id, TaskType.of(kind), createdAt, statuses);
    }

    /** A job with explicit statuses by time since its creation. */
    ScriptedJobQuery add(JobId id, TaskType type, Instant createdAt, NavigableMap<Duration, JobStatus> statuses) {
        jobs.put(id, new Script(type, createdAt, new TreeMap<>(statuses)));
        return this;
    }

    /** The next lookup throws {@code e}. */
    void failNext(RuntimeException e) {
        failures.add(e);
    }

    /** Every lookup throws {@code e}, until called with null. */
    void failAlways(RuntimeException e) {
        failAlways = e;
    }

    /** Every lookup so far. */
    List<Lookup> lookups() {
        return List.copyOf(lookups);
    }

    /** How many lookups of {@code id} were made. */
    long lookupsOf(JobId id) {
        return lookups.stream().filter(l -> l.id().equals(id)).count();
    }

    /** The job as a lookup would see it now, without counting a lookup. */
    Job peek(JobId id) {
        return jobs.get(id).at(id, clock.instant());
    }

    @Override
    public Job getJob(JobId id) {
        Instant now = clock.instant();
        lookups.add(new Lookup(id, now));
        RuntimeException always = failAlways;
        if (always != null) {
            throw always;
        }
        RuntimeException next = failures.poll();
        if (next != null) {
            throw next;
        }
        Script script = jobs.get(id);
        if (script == null) {
            throw new NotFoundException(
                    "Looking up job " + id,
                    new ServiceError(404, 404, "Job not found", "", "{\"code\":404,\"message\":\"Job not found\"}"));
        }
        return script.at(id, now);
    }
}
