package io.legnext.core.port.out;

import io.legnext.core.job.JobId;
import io.legnext.core.journal.JournalUnavailableException;
import io.legnext.core.journal.SubmittedJob;
import java.util.Optional;

/**
 * Driven port: remembers every accepted submit, so no paid job is lost and lineages can be counted.
 *
 * <p>The service does not say which job extended which; the journal is how the core knows that a video was
 * already extended four times and refuses a fifth extension before sending it.
 */
public interface JobJournalPort {

    /**
     * Checks, before a submit is sent, that an append would succeed now, and readies whatever the append needs so
     * that as little as possible stands between the service's answer and the record. Journals that cannot fail
     * need not override it.
     *
     * @throws JournalUnavailableException when an append would fail: the submit is then not sent
     */
    default void checkWritable() {}

    /** Records an accepted submit. Called after the service accepted it and before the caller hears of it. */
    void record(SubmittedJob job);

    /** What was recorded for a job, if this journal has seen it. */
    Optional<SubmittedJob> find(JobId id);

    /**
     * The job recorded with this {@linkplain SubmittedJob#origin() origin}, if any; a batch resumed after a crash
     * asks it for the job an item's submit created. A journal that cannot search by origin answers empty (the
     * default): a resumed batch then never re-sends such an item but reports it as uncertain, so the default is
     * safe, only less helpful. Both journals legnext ships search.
     */
    default Optional<SubmittedJob> findByOrigin(String origin) {
        return Optional.empty();
    }
}
