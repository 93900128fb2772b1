package io.legnext.app.journal;

import com.fasterxml.jackson.databind.JsonNode;
import io.legnext.app.IoFailures;
import io.legnext.app.json.JobJson;
import io.legnext.core.job.JobId;
import io.legnext.core.journal.SubmittedJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the journal file and keeps what it read, so that a later read parses only the lines appended since: a
 * batch of a thousand jobs asks the journal about each of them, and a whole-file parse each time made that
 * quadratic. The file is append-only between compactions; a compaction replaces it (another file key) and a
 * truncation shrinks it, and either makes the next read start over. Only whole lines are parsed: a line still being
 * written, or torn by a kill, is read once its newline arrives (a torn one is then skipped, as a full read would).
 */
final class JournalReader {

    private final Path file;
    private Object fileKey;
    private long offset;
    private int lines;
    private int skipped;
    private final Map<JobId, SubmittedJob> submitted = new LinkedHashMap<>();
    private final Map<JobId, String> services = new HashMap<>();
    private final Map<JobId, JournalEntry.Outcome> outcomes = new HashMap<>();
    private final Map<String, JobId> origins = new HashMap<>();
    private FileJobJournal.Snapshot snapshot = new FileJobJournal.Snapshot(List.of(), 0, 0);
    private boolean changed;
    /** 1 while the file ends in a line without its newline (torn, or still being written): counted as unreadable. */
    private int tail;
    /** Every line parsed since this reader was made, re-reads included: what the tests hold to one per line. */
    private long parsed;

    JournalReader(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** Everything the journal holds now. */
    synchronized FileJobJournal.Snapshot read() {
        catchUp();
        if (changed) {
            List<JournalEntry> entries = new ArrayList<>(submitted.size());
            submitted.forEach((id, job) ->
                    entries.add(new JournalEntry(job, services.get(id), Optional.ofNullable(outcomes.get(id)))));
            snapshot = new FileJobJournal.Snapshot(List.copyOf(entries), lines + tail, skipped + tail);
            changed = false;
        }
        return snapshot;
    }

    /** One job's entry, without building the whole snapshot. */
    synchronized Optional<JournalEntry> entry(JobId id) {
        catchUp();
        SubmittedJob job = submitted.get(id);
        return job == null
                ? Optional.empty()
                : Optional.of(new JournalEntry(job, services.get(id), Optional.ofNullable(outcomes.get(id))));
    }

    /** The first job recorded with this origin. */
    synchronized Optional<SubmittedJob> byOrigin(String origin) {
        catchUp();
        return Optional.ofNullable(origins.get(origin)).map(submitted::get);
    }

    private void catchUp() {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            long size = ch.size();
            if (key == null || !key.equals(fileKey) || size < offset) {
                reset(key);
            }
            if (size == offset) {
                setTail(0);
                return;
            }
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size - offset));
            while (buffer.hasRemaining() && ch.read(buffer, offset + buffer.position()) > 0) {
                // reads until the buffer is full or the file ends
            }
            byte[] bytes = buffer.array();
            int end = buffer.position();
            int start = 0;
            for (int i = 0; i < end; i++) {
                if (bytes[i] == '\n') {
                    parse(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            offset += start;
            setTail(new String(bytes, start, end - start, StandardCharsets.UTF_8).isBlank() ? 0 : 1);
        } catch (NoSuchFileException e) {
            reset(null);
            setTail(0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the job journal " + file + ": " + IoFailures.local(e), e);
        }
    }

    synchronized long parsedLines() {
        return parsed;
    }

    private void setTail(int value) {
        changed |= value != tail;
        tail = value;
    }

    private void reset(Object key) {
        if (offset != 0 || !submitted.isEmpty() || lines != 0) {
            changed = true;
        }
        fileKey = key;
        offset = 0;
        lines = 0;
        skipped = 0;
        submitted.clear();
        services.clear();
        outcomes.clear();
        origins.clear();
    }

    private void parse(String line) {
        if (line.isBlank()) {
            return;
        }
        changed = true;
        lines++;
        parsed++;
        try {
            JsonNode o = JobJson.MAPPER.readTree(line);
            switch (o.path("type").asText()) {
                case "submitted" -> {
                    SubmittedJob job = JournalLines.submitted(o);
                    if (submitted.putIfAbsent(job.id(), job) == null) {
                        services.put(job.id(), o.path("service").asText("unknown"));
                        job.origin().ifPresent(origin -> origins.putIfAbsent(origin, job.id()));
                    }
                }
                case "finished" -> outcomes.put(JobId.parse(o.path("jobId").asText()), JournalLines.outcome(o));
                default -> skipped++;
            }
        } catch (IOException | RuntimeException e) {
            skipped++;
        }
    }
}
