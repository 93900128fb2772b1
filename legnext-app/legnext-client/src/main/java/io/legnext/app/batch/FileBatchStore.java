package io.legnext.app.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.legnext.app.IoFailures;
import io.legnext.app.json.JobJson;
import io.legnext.core.batch.ItemRecord;
import io.legnext.core.batch.ItemState;
import io.legnext.core.job.JobId;
import io.legnext.core.port.out.BatchStorePort;
import io.legnext.core.secret.Redactor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Driven adapter: each batch's state as an append-only log, {@code <safe batch id>.log} in a directory (the command
 * line's {@code $LEGNEXT_HOME/batches}), so that a batch run again after a crash goes on where it stopped.
 *
 * <p>One line per record: a CRC-32 of the JSON that follows, a space, the JSON ({@code item}: a key's
 * {@link ItemRecord}; {@code step}: a digest of what the key's row sends). Every write is forced to disk before it
 * returns. A line torn by a kill, or whose CRC does not match, is skipped on read; the torn tail is cut off when the
 * file is next opened for writing. Records are cached, so load and claim never re-read the file.
 *
 * <p>One process at a time: a batch's file is locked (an exclusive {@link FileLock}) from its first use until
 * {@link #close()}, and another store, in this process or another, is refused it with {@link
 * BatchStoreException.InUse}. Every item in flight is thus this runner's own or a crashed run's, which is what the
 * port's defaults of {@link #unowned} and {@link #adopt} assume; {@link #claim} is atomic in this store.
 */
public final class FileBatchStore implements BatchStorePort, AutoCloseable {

    /** The directory under the legnext home that the command line keeps batches in. */
    public static final String DIRECTORY = "batches";

    private static final String ITEM = "item";
    private static final String STEP = "step";

    private final Path directory;
    private final Redactor redactor;
    private final Map<String, Log> logs = new HashMap<>();
    private boolean closed;

    /** A store keeping its logs in {@code directory} (created when missing); masks URL credentials in details. */
    public FileBatchStore(Path directory) {
        this(directory, Redactor.URL_CREDENTIALS);
    }

    /** A store that masks {@code redactor}'s secrets in every detail it writes. */
    public FileBatchStore(Path directory, Redactor redactor) {
        this.directory =
                Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /** The file that keeps batch {@code batchId} in {@code directory}. */
    public static Path fileOf(Path directory, String batchId) {
        Objects.requireNonNull(batchId, "batchId");
        String safe = batchId.matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}")
                ? batchId
                : batchId.replaceAll("[^A-Za-z0-9._-]", "_")
                                .substring(0, Math.min(60, batchId.length()))
                                .replaceAll("^\\.", "_")
                        + "-" + sha256(batchId).substring(0, 12);
        return directory.resolve(safe + ".log");
    }

    /**
     * What a batch's file holds now, read without the lock (a run in another process may be appending): for a
     * status display. A batch never run reads empty.
     */
    public static Snapshot read(Path directory, String batchId) {
        Path file = fileOf(directory, batchId);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Snapshot(Map.of(), Map.of(), 0, false);
        } catch (IOException e) {
            throw new BatchStoreException("Cannot read the batch file " + file + ": " + IoFailures.local(e) + ".", e);
        }
        Parsed p = parse(bytes);
        return new Snapshot(Map.copyOf(p.records), Map.copyOf(p.digests), p.skipped, true);
    }

    @Override
    public synchronized Map<String, ItemRecord> load(String batchId) {
        return Map.copyOf(log(batchId).records);
    }

    @Override
    public synchronized void save(String batchId, ItemRecord item) {
        Objects.requireNonNull(item, "item");
        ItemRecord kept = new ItemRecord(
                item.key(), item.state(), item.jobId(), item.detail().map(redactor::redact));
        Log log = log(batchId);
        log.append(itemLine(kept), () -> log.records.put(kept.key(), kept));
    }

    /** Atomic against every thread of this process; other processes cannot open the batch while this store has it. */
    @Override
    public synchronized Optional<ItemRecord> claim(String batchId, List<String> candidates, int maxInFlight) {
        Optional<ItemRecord> claimed = BatchStorePort.claimable(log(batchId).records, candidates, maxInFlight);
        claimed.ifPresent(r -> save(batchId, r));
        return claimed;
    }

    /** The digest kept for each key's step (what its row sends), by key. */
    public synchronized Map<String, String> digests(String batchId) {
        return Map.copyOf(log(batchId).digests);
    }

    /** Keeps the digest of what {@code key}'s row sends; durable when it returns; nothing is written if unchanged. */
    public synchronized void keepDigest(String batchId, String key, String digest) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(digest, "digest");
        Log log = log(batchId);
        if (!digest.equals(log.digests.get(key))) {
            ObjectNode o = JobJson.MAPPER.createObjectNode();
            o.put("type", STEP);
            o.put("key", key);
            o.put("digest", digest);
            log.append(JobJson.line(o), () -> log.digests.put(key, digest));
        }
    }

    /** Releases every batch's lock and closes its file; a closed store opens nothing more. */
    @Override
    public synchronized void close() {
        closed = true;
        for (Log log : logs.values()) {
            log.close();
        }
        logs.clear();
    }

    @Override
    public String toString() {
        return "FileBatchStore[" + directory + "]";
    }

    private Log log(String batchId) {
        Objects.requireNonNull(batchId, "batchId");
        if (closed) {
            throw new IllegalStateException("this batch store is closed");
        }
        Log log = logs.get(batchId);
        if (log == null) {
            log = Log.open(directory, batchId);
            logs.put(batchId, log);
        }
        return log;
    }

    private static String itemLine(ItemRecord r) {
        ObjectNode o = JobJson.MAPPER.createObjectNode();
        o.put("type", ITEM);
        o.put("key", r.key());
        o.put("state", r.state().name());
        o.put("jobId", r.jobId().map(JobId::toString).orElse(null));
        o.put("detail", r.detail().orElse(null));
        return JobJson.line(o);
    }

    /** {@code crc json}: the CRC-32 of the JSON's UTF-8 bytes, in 8 hex digits. */
    static String framed(String json) {
        return String.format("%08x", crc(json.getBytes(StandardCharsets.UTF_8))) + " " + json + "\n";
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    /** What a file's complete lines say; {@code end} is where its last complete line ends. */
    private record Parsed(Map<String, ItemRecord> records, Map<String, String> digests, int skipped, long end) {}

    private static Parsed parse(byte[] bytes) {
        Map<String, ItemRecord> records = new LinkedHashMap<>();
        Map<String, String> digests = new LinkedHashMap<>();
        int skipped = 0;
        int start = 0;
        long end = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            start = i + 1;
            end = start;
            if (line.isBlank()) {
                continue;
            }
            if (!apply(line, records, digests)) {
                skipped++;
            }
        }
        if (start < bytes.length) {
            skipped++; // a torn last line: no newline, never acknowledged
        }
        return new Parsed(records, digests, skipped, end);
    }

    private static boolean apply(String line, Map<String, ItemRecord> records, Map<String, String> digests) {
        int space = line.indexOf(' ');
        if (space != 8) {
            return false;
        }
        String json = line.substring(9);
        try {
            if (Long.parseLong(line.substring(0, 8), 16) != crc(json.getBytes(StandardCharsets.UTF_8))) {
                return false;
            }
            JsonNode o = JobJson.MAPPER.readTree(json);
            String key = o.path("key").asText();
            switch (o.path("type").asText()) {
                case ITEM -> {
                    JsonNode job = o.get("jobId");
                    JsonNode detail = o.get("detail");
                    records.put(
                            key,
                            new ItemRecord(
                                    key,
                                    ItemState.valueOf(o.path("state").asText()),
                                    job == null || job.isNull()
                                            ? Optional.empty()
                                            : Optional.of(JobId.parse(job.asText())),
                                    detail == null || detail.isNull()
                                            ? Optional.empty()
                                            : Optional.of(detail.asText())));
                }
                case STEP -> digests.put(key, o.path("digest").asText());
                default -> {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * What a batch's file held when read.
     *
     * @param records each key's last record
     * @param digests each key's last step digest
     * @param skippedLines lines that could not be read (a torn last line, a bad CRC)
     * @param exists whether the batch has a file at all
     */
    public record Snapshot(
            Map<String, ItemRecord> records, Map<String, String> digests, int skippedLines, boolean exists) {}

    /** One batch's open, locked file and what it holds. */
    private static final class Log {
        final Path file;
        final FileChannel channel;
        final FileLock lock;
        final Map<String, ItemRecord> records;
        final Map<String, String> digests;

        private Log(Path file, FileChannel channel, FileLock lock, Parsed parsed) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
            this.records = new LinkedHashMap<>(parsed.records());
            this.digests = new LinkedHashMap<>(parsed.digests());
        }

        static Log open(Path directory, String batchId) {
            Path file = fileOf(directory, batchId);
            FileChannel ch = null;
            try {
                Files.createDirectories(directory);
                boolean created = !Files.exists(file);
                ch = FileChannel.open(
                        file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    ch.close();
                    throw new BatchStoreException.InUse("Batch '" + batchId + "' is being run by another legnext"
                            + " process (it holds " + file + "). Nothing was sent from here: let that run finish, or"
                            + " stop it and run the same command again; legnext batch status shows where it stands.");
                }
                ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(ch.size()));
                while (all.hasRemaining() && ch.read(all, all.position()) >= 0) {
                    // reads the whole file
                }
                Parsed parsed = parse(all.array());
                if (parsed.end() < ch.size()) {
                    // A torn last line, never acknowledged: cut it off so the next record starts a line of its own.
                    ch.truncate(parsed.end());
                    ch.force(true);
                }
                if (created) {
                    syncDirectory(directory);
                }
                return new Log(file, ch, lock, parsed);
            } catch (IOException e) {
                if (ch != null) {
                    try {
                        ch.close();
                    } catch (IOException ignored) {
                        // the open failure is the one to report
                    }
                }
                throw new BatchStoreException(
                        "Cannot open the batch file " + file + ": " + IoFailures.directory(directory, e)
                                + ". Point LEGNEXT_HOME at a writable directory.",
                        e);
            }
        }

        /** Appends one framed line, forces it to disk, then updates the cache. */
        void append(String json, Runnable cached) {
            byte[] bytes = framed(json).getBytes(StandardCharsets.UTF_8);
            try {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                long at = channel.size();
                while (buffer.hasRemaining()) {
                    at += channel.write(buffer, at);
                }
                channel.force(true);
            } catch (IOException e) {
                throw new BatchStoreException(
                        "Cannot write to the batch file " + file + ": " + IoFailures.local(e)
                                + ". The batch stopped; run it again once the disk is writable.",
                        e);
            }
            cached.run();
        }

        void close() {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
                channel.close();
            } catch (IOException e) {
                // Closing releases the lock whatever happens; nothing written is at stake.
            }
        }
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: not every platform opens directories; the file's own data is forced.
        }
    }
}
