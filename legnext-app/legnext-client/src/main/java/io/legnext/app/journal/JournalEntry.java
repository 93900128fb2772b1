package io.legnext.app.journal;

import io.legnext.core.job.Job;
import io.legnext.core.journal.SubmittedJob;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One job as the journal knows it: the accepted submit, the service it went to, and how it ended, if it has.
 *
 * @param submitted what was recorded when the service accepted the job
 * @param service where it was submitted: {@code fake}, or the base URL of the HTTP service
 * @param outcome how it ended, when this machine saw it end
 */
public record JournalEntry(SubmittedJob submitted, String service, Optional<Outcome> outcome) {

    public JournalEntry {
        Objects.requireNonNull(submitted, "submitted");
        Objects.requireNonNull(service, "service");
        outcome = Objects.requireNonNullElse(outcome, Optional.empty());
    }

    /** Whether nothing more is to be waited for: the job ended, or the service no longer knows it. */
    public boolean isFinished() {
        return outcome.isPresent();
    }

    /** The last recorded status: the terminal status or {@code gone}, else {@code unfinished}. */
    public String status() {
        return outcome.map(Outcome::status).orElse(UNFINISHED);
    }

    /** What {@link #status()} says of a job that has not been seen to end. */
    public static final String UNFINISHED = "unfinished";

    /**
     * How a journaled job ended.
     *
     * @param status {@code completed}, {@code failed}, or {@code gone} when the service no longer knows the job
     * @param at when this machine recorded it
     * @param job the job as last seen, for completed and failed jobs
     * @param reason why it is gone, for gone jobs
     */
    public record Outcome(String status, Instant at, Optional<Job> job, Optional<String> reason) {

        /** The status of a job the service answered "not found" for. */
        public static final String GONE = "gone";

        public Outcome {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(at, "at");
            job = Objects.requireNonNullElse(job, Optional.empty());
            reason = Objects.requireNonNullElse(reason, Optional.empty());
        }
    }
}
