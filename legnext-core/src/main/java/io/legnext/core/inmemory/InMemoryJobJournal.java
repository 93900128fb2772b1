package io.legnext.core.inmemory;

import io.legnext.core.job.JobId;
import io.legnext.core.journal.SubmittedJob;
import io.legnext.core.port.out.JobJournalPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A journal kept in memory for as long as the process lives; thread-safe. Hosts that must survive restarts plug
 * in a persistent {@link JobJournalPort} instead.
 */
public final class InMemoryJobJournal implements JobJournalPort {

    private final Map<JobId, SubmittedJob> entries = new ConcurrentHashMap<>();

    @Override
    public void record(SubmittedJob job) {
        entries.put(job.id(), job);
    }

    @Override
    public Optional<SubmittedJob> find(JobId id) {
        return Optional.ofNullable(entries.get(id));
    }

    @Override
    public Optional<SubmittedJob> findByOrigin(String origin) {
        return entries.values().stream()
                .filter(j -> j.origin().filter(origin::equals).isPresent())
                .findFirst();
    }

    /** Every entry, in no particular order. */
    public List<SubmittedJob> entries() {
        return List.copyOf(entries.values());
    }
}
