package io.legnext.app.journal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.legnext.app.IoFailures;
import io.legnext.app.json.JobJson;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.TaskType;
import io.legnext.core.journal.JournalUnavailableException;
import io.legnext.core.journal.SubmittedJob;
import io.legnext.core.port.out.JobJournalPort;
import io.legnext.core.secret.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Driven adapter: the journal as a file of JSON lines ({@code journal.jsonl} in the legnext home), so that no paid
 * job is lost when the process dies.
 *
 * <p>Two kinds of line: {@code submitted} (written by the core before a submit is reported) and {@code finished}
 * (written when this machine sees a journaled job end, or learns it is gone). Every append is one write under an
 * exclusive lock shared by all processes, forced to disk before it returns. A line torn by a kill is skipped on
 * read and fenced off by the next append; compaction writes a temporary file and renames it atomically.
 */
public final class FileJobJournal implements JobJournalPort {

    /** The journal's file name inside the legnext home. */
    public static final String FILE_NAME = "journal.jsonl";
    /** The lock file every writer holds while appending or compacting. */
    public static final String LOCK_NAME = "journal.lock";
    /** The format version written in every line. */
    static final int VERSION = JournalLines.VERSION;

    /**
     * The free space a submit needs in the journal's file system: a few hundred lines, so that a full disk is found
     * before a paid submit rather than after.
     */
    public static final long MIN_FREE_BYTES = 64 * 1024;

    /** A line rendered by {@link #checkWritable()} and thrown away: it only loads the JSON writer. */
    private static final SubmittedJob WARM_UP = new SubmittedJob(
            new JobId(new java.util.UUID(0, 0)),
            TaskType.of(TaskType.Kind.VIDEO_DIFFUSION),
            Optional.empty(),
            Optional.empty(),
            0,
            Instant.EPOCH);

    /** One monitor per journal file and JVM: a process's file lock does not exclude its own threads. */
    private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

    private final Path directory;
    private final Path file;
    private final Path lockFile;
    private final String service;
    private final Clock clock;
    private final long minFreeBytes;
    private final Redactor redactor;
    private final JournalReader reader;

    /**
     * @param directory the legnext home; created when missing
     * @param service where this process submits: {@code fake} or the base URL, recorded with each job
     * @param clock stamps outcomes
     */
    public FileJobJournal(Path directory, String service, Clock clock) {
        this(directory, service, clock, Redactor.URL_CREDENTIALS);
    }

    /**
     * A journal that masks {@code redactor}'s secrets in every line it writes: a service that echoes the key in an
     * error would otherwise have it stored with the job's outcome.
     *
     * @param directory the legnext home; created when missing
     * @param service where this process submits: {@code fake} or the base URL, recorded with each job
     * @param clock stamps outcomes
     * @param redactor masks what must never be stored
     */
    public FileJobJournal(Path directory, String service, Clock clock, Redactor redactor) {
        this(directory, service, clock, redactor, MIN_FREE_BYTES);
    }

    /** A journal needing {@code minFreeBytes} free before each submit: tests make a disk look full this way. */
    FileJobJournal(Path directory, String service, Clock clock, long minFreeBytes) {
        this(directory, service, clock, Redactor.URL_CREDENTIALS, minFreeBytes);
    }

    private FileJobJournal(Path directory, String service, Clock clock, Redactor redactor, long minFreeBytes) {
        this.directory =
                Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
        this.file = this.directory.resolve(FILE_NAME);
        this.lockFile = this.directory.resolve(LOCK_NAME);
        this.service = Objects.requireNonNull(service, "service");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.minFreeBytes = minFreeBytes;
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.reader = new JournalReader(file);
    }

    /** The journal file. */
    public Path file() {
        return file;
    }

    /** Where this process submits, as recorded with its jobs. */
    public String service() {
        return service;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Takes the lock, opens the file for appending (creating the directory and the file if needed), checks that
     * the file system has {@link #MIN_FREE_BYTES} to spare, and renders a line, so that the JSON writer is loaded
     * before the service answers rather than after.
     */
    @Override
    public void checkWritable() {
        try {
            withLock(() -> {
                long free;
                try {
                    FileChannel.open(
                                    file,
                                    StandardOpenOption.CREATE,
                                    StandardOpenOption.WRITE,
                                    StandardOpenOption.APPEND)
                            .close();
                    free = Files.getFileStore(directory).getUsableSpace();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (free < minFreeBytes) {
                    throw new JournalUnavailableException(
                            "The job journal " + file + " cannot take a new job:"
                                    + " its file system has " + free + " bytes free, under the " + minFreeBytes
                                    + " it needs. Nothing was sent.",
                            null);
                }
            });
        } catch (UncheckedIOException e) {
            throw new JournalUnavailableException(
                    "The job journal " + file + " cannot be written: "
                            + IoFailures.directory(directory, e.getCause())
                            + ". Nothing was sent: a job it cannot record could be paid"
                            + " for and lost.",
                    e.getCause());
        }
        JournalLines.submittedLine(WARM_UP, service);
    }

    @Override
    public void record(SubmittedJob job) {
        append(JournalLines.submittedLine(job, service));
    }

    @Override
    public Optional<SubmittedJob> find(JobId id) {
        return entry(id).map(JournalEntry::submitted);
    }

    @Override
    public Optional<SubmittedJob> findByOrigin(String origin) {
        return reader.byOrigin(Objects.requireNonNull(origin, "origin"));
    }

    /** The journal's knowledge of one job, if it has any. */
    public Optional<JournalEntry> entry(JobId id) {
        return reader.entry(Objects.requireNonNull(id, "id"));
    }

    /** Every journaled job, in submit order. */
    public List<JournalEntry> entries() {
        return read().entries();
    }

    /**
     * Records that a journaled job ended (completed or failed), once per status; ignores jobs that are not
     * terminal or not journaled.
     *
     * @return true when a line was written
     */
    public boolean recordOutcome(Job job) {
        if (!job.isTerminal()) {
            return false;
        }
        Optional<JournalEntry> entry = entry(job.id());
        if (entry.isEmpty() || entry.get().status().equals(job.status().toString())) {
            return false;
        }
        ObjectNode o = finishedLine(job.id(), job.status().toString());
        o.set("job", JobJson.write(job));
        append(JobJson.line(o));
        return true;
    }

    /**
     * Records that the service no longer knows a journaled job, so that resuming stops asking for it.
     *
     * @return true when a line was written
     */
    public boolean recordGone(JobId id, String reason) {
        Optional<JournalEntry> entry = entry(id);
        if (entry.isEmpty() || entry.get().isFinished()) {
            return false;
        }
        ObjectNode o = finishedLine(id, JournalEntry.Outcome.GONE);
        o.put("reason", reason);
        append(JobJson.line(o));
        return true;
    }

    /**
     * Reads the journal, skipping lines it cannot read (a torn last line after a kill, foreign edits). Only what was
     * appended since the last read is parsed.
     */
    public Snapshot read() {
        return reader.read();
    }

    /** How many lines this instance has parsed in all: each once, unless a compaction made it start over. */
    long parsedLines() {
        return reader.parsedLines();
    }

    /**
     * Rewrites the journal with one {@code submitted} line per job and one {@code finished} line per ended job,
     * dropping unreadable and superseded lines; atomic: a kill leaves either the old file or the new one.
     */
    public void compact() {
        withLock(() -> {
            Snapshot snapshot = read();
            StringBuilder text = new StringBuilder();
            for (JournalEntry e : snapshot.entries()) {
                text.append(JournalLines.submittedLine(e.submitted(), e.service()))
                        .append('\n');
                e.outcome().ifPresent(o -> {
                    ObjectNode line = JournalLines.finishedLine(e.submitted().id(), o.status(), o.at());
                    o.job().ifPresent(j -> line.set("job", JobJson.write(j)));
                    o.reason().ifPresent(r -> line.put("reason", r));
                    text.append(JobJson.line(line)).append('\n');
                });
            }
            Path temp = directory.resolve(
                    FILE_NAME + ".tmp-" + ProcessHandle.current().pid());
            try {
                try (FileChannel ch = FileChannel.open(
                        temp,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
                    DurableFiles.writeFully(ch, redactor.redact(text.toString()).getBytes(StandardCharsets.UTF_8));
                    ch.force(true);
                }
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
                DurableFiles.syncDirectory(directory);
            } catch (IOException e) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The temporary file is harmless; the journal itself is untouched.
                }
                throw new UncheckedIOException(
                        "Cannot compact the job journal " + file + ": " + IoFailures.local(e), e);
            }
        });
    }

    private ObjectNode finishedLine(JobId id, String status) {
        return JournalLines.finishedLine(id, status, clock.instant());
    }

    /** Appends one line and forces it to disk; fences off a torn last line first. */
    private void append(String line) {
        withLock(() -> {
            try {
                boolean created = !Files.exists(file);
                try (FileChannel ch = FileChannel.open(
                        file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    long size = ch.size();
                    boolean fence = false;
                    if (size > 0) {
                        ByteBuffer last = ByteBuffer.allocate(1);
                        ch.read(last, size - 1);
                        fence = last.get(0) != '\n';
                    }
                    // A line torn by a kill has no newline: start a fresh line so it cannot swallow this one.
                    String text = (fence ? "\n" : "") + redactor.redact(line) + "\n";
                    ch.position(size);
                    DurableFiles.writeFully(ch, text.getBytes(StandardCharsets.UTF_8));
                    ch.force(true);
                }
                if (created) {
                    DurableFiles.syncDirectory(directory);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot write to the job journal " + file + ": " + IoFailures.local(e), e);
            }
        });
    }

    private void withLock(Runnable action) {
        Object monitor = MONITORS.computeIfAbsent(file, p -> new Object());
        synchronized (monitor) {
            try {
                Files.createDirectories(directory);
                try (FileChannel lock =
                        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    FileLock held = lock.lock();
                    try {
                        action.run();
                    } finally {
                        held.release();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot lock the job journal " + lockFile + ": " + IoFailures.local(e), e);
            }
        }
    }

    @Override
    public String toString() {
        return "FileJobJournal[" + file + ", service=" + service + "]";
    }

    /**
     * The journal as read at one moment.
     *
     * @param entries every readable job, in submit order
     * @param lines non-blank lines in the file
     * @param skippedLines lines that could not be read (a torn last line, foreign edits)
     */
    public record Snapshot(List<JournalEntry> entries, int lines, int skippedLines) {}
}
