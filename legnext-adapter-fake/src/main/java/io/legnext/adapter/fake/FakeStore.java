package io.legnext.adapter.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The files of a persistent fake service: an append-only log of {@link StoreRecord} lines ({@value #LOG}) and a
 * lock file ({@value #LOCK}) in one directory, shared by every process that opens it.
 *
 * <p>Every operation runs under an exclusive lock on the lock file (and, inside one JVM, on a lock per directory,
 * since file locks are held per process): it first applies to its {@link Sink} the lines other processes appended
 * since its last operation (from the byte offset it had reached), then does its work, appending a line per change,
 * each written whole and forced to disk ({@link FileChannel#force}) before the operation answers. A process killed
 * mid-write leaves at most a torn last line (no newline, or a checksum that does not match): readers skip it, and
 * the next append truncates it first. A reset truncates the log; the other processes notice at their next operation
 * (the log is shorter than their offset, or begins with another header) and start over from it.
 */
final class FakeStore {

    /** The log's file name. */
    static final String LOG = "service.log";
    /** The lock file's name. */
    static final String LOCK = "service.lock";
    /** One lock per directory for the threads of this JVM, which the operating system's file lock does not order. */
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    /** Where the log's records go. */
    interface Sink {
        /** The header to start an empty log with. */
        StoreRecord.Header newHeader();

        /** Forgets everything: the log starts over with {@code header}. */
        void reset(StoreRecord.Header header);

        /** Applies one record (never a header), read from the log or just appended. */
        void apply(StoreRecord record);
    }

    private final Path dir;
    private final Path log;
    private final Path lockFile;
    private final ReentrantLock jvmLock;
    private final Sink sink;
    /** The log during an operation, else null. */
    private FileChannel channel;
    /** The header line this process replayed from, or null before the first operation. */
    private byte[] headerLine;
    /** The end of the last whole line with a valid checksum: what has been applied, and where appends go. */
    private long validEnd;
    /** Whether the log holds bytes past {@link #validEnd} (a torn or damaged tail) to truncate before appending. */
    private boolean dirtyTail;

    FakeStore(Path dir, Sink sink) {
        this.dir = canonical(dir);
        this.log = this.dir.resolve(LOG);
        this.lockFile = this.dir.resolve(LOCK);
        this.jvmLock = JVM_LOCKS.computeIfAbsent(this.dir, d -> new ReentrantLock());
        this.sink = sink;
    }

    /**
     * The directory's real path when it exists (so that two names of one directory share one JVM lock), else its
     * absolute one.
     */
    private static Path canonical(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            return Files.isDirectory(absolute) ? absolute.toRealPath() : absolute;
        } catch (IOException e) {
            return absolute;
        }
    }

    /** The directory. */
    Path dir() {
        return dir;
    }

    /**
     * Runs {@code operation} holding the store's lock, once the sink has every record of the log; nested calls on
     * one thread run inside the outer one.
     *
     * @throws FakeStoreException when the files cannot be read or written
     */
    <T> T locked(Supplier<T> operation) {
        jvmLock.lock();
        try {
            if (jvmLock.getHoldCount() > 1) {
                return operation.get();
            }
            Files.createDirectories(dir);
            boolean created = !Files.exists(log);
            try (FileChannel lockChannel =
                            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock held = lockChannel.lock();
                    FileChannel logChannel = FileChannel.open(
                            log, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                channel = logChannel;
                if (created) {
                    syncDirectory();
                }
                catchUp();
                return operation.get();
            } finally {
                channel = null;
            }
        } catch (IOException e) {
            throw new FakeStoreException("the fake service's store in " + dir + " cannot be used: " + describe(e), e);
        } catch (UncheckedIOException e) {
            throw new FakeStoreException(
                    "the fake service's store in " + dir + " cannot be written: " + describe(e.getCause()), e);
        } finally {
            jvmLock.unlock();
        }
    }

    /**
     * Makes a new log's directory entry durable, so that a crash of the machine cannot lose the file its first
     * forced records are in; best effort, as not every platform opens a directory.
     */
    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The records themselves are forced; only a machine crash right after the creation could lose the entry.
        }
    }

    /** Appends {@code record}, forced to disk, then applies it; call inside {@link #locked}. */
    void append(StoreRecord record) {
        if (channel == null || !jvmLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("append outside the store's lock");
        }
        try {
            if (dirtyTail) {
                channel.truncate(validEnd);
                dirtyTail = false;
            }
            validEnd += write(channel, validEnd, StoreRecord.line(record));
            channel.force(false);
        } catch (IOException e) {
            // The line may be in the log or not: the next operation replays the whole log rather than guess.
            headerLine = null;
            throw new UncheckedIOException(e);
        }
        sink.apply(record);
    }

    /** Applies the lines appended since the last operation; starts over when the log was reset. */
    private void catchUp() throws IOException {
        long size = channel.size();
        byte[] first = size == 0 ? null : headerLine(size);
        StoreRecord.Header header = null;
        if (first != null) {
            if (StoreRecord.parse(first, 0, first.length) instanceof StoreRecord.Header h) {
                header = h;
            } else {
                // A whole first line that is not a header is damage (or a format this legnext cannot read), not a
                // torn first write: refuse rather than truncate what may hold paid-for jobs' records.
                throw new FakeStoreException(
                        "the fake service's store in " + dir + " is damaged (its first line is not a readable"
                                + " header) or was written by another legnext; reset it (legnext fake reset)",
                        null);
            }
        }
        if (header == null) {
            // Empty, or its very first write was cut short: nothing else can follow a header that is not whole.
            // Every header written gets an epoch of its own, so processes that read the log before see a reset.
            header = sink.newHeader().withEpoch(ThreadLocalRandom.current().nextLong());
            byte[] line = StoreRecord.line(header);
            channel.truncate(0);
            write(channel, 0, line);
            channel.force(false);
            first = Arrays.copyOf(line, line.length - 1);
            size = line.length;
        }
        if (header.version() > StoreRecord.FORMAT_VERSION) {
            throw new FakeStoreException(
                    "the fake service's store in " + dir + " was written by a later legnext"
                            + " (format " + header.version() + ", this one reads " + StoreRecord.FORMAT_VERSION
                            + "); use"
                            + " that legnext, or reset the store (legnext fake reset)",
                    null);
        }
        if (headerLine == null || !Arrays.equals(headerLine, first) || size < validEnd) {
            sink.reset(header);
            headerLine = first;
            validEnd = first.length + 1;
        }
        dirtyTail = false;
        if (size > validEnd) {
            replay(size);
        }
    }

    private void replay(long size) throws IOException {
        long length = size - validEnd;
        if (length > Integer.MAX_VALUE - 16) {
            throw new IOException("the log is larger than 2 GiB; reset it");
        }
        byte[] bytes = read(validEnd, (int) length);
        int lineStart = 0;
        int validUpTo = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                StoreRecord record = StoreRecord.parse(bytes, lineStart, i);
                if (record != null) {
                    if (!(record instanceof StoreRecord.Header)) {
                        sink.apply(record);
                    }
                    validUpTo = i + 1;
                }
                lineStart = i + 1;
            }
        }
        validEnd += validUpTo;
        dirtyTail = validUpTo < bytes.length;
    }

    /** The log's first line without its newline, however long, or null when it has no whole first line. */
    private byte[] headerLine(long size) throws IOException {
        int chunk = 4096;
        for (long from = 0; from < size; from += chunk) {
            if (from > Integer.MAX_VALUE - 2L * chunk) {
                throw new IOException("the log's first line is longer than 2 GiB; reset it");
            }
            byte[] part = read(from, (int) Math.min(chunk, size - from));
            for (int i = 0; i < part.length; i++) {
                if (part[i] == '\n') {
                    return read(0, (int) (from + i));
                }
            }
        }
        return null;
    }

    private byte[] read(long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.position() == length ? buffer.array() : Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static int write(FileChannel channel, long position, byte[] line) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
            channel.write(buffer, position + buffer.position());
        }
        return line.length;
    }

    /**
     * Empties the store in {@code dir} under its lock, safely while other processes use it: they start over at
     * their next operation.
     *
     * @return how many jobs it held
     * @throws FakeStoreException when the files cannot be written
     */
    static int reset(Path dir) {
        Path absolute = canonical(dir);
        if (!Files.isRegularFile(absolute.resolve(LOG))) {
            return 0;
        }
        int[] jobs = {0};
        FakeStore store = new FakeStore(absolute, new Sink() {
            @Override
            public StoreRecord.Header newHeader() {
                // An empty log gets a header only so that this pass can read it; it is truncated below.
                return new StoreRecord.Header(StoreRecord.FORMAT_VERSION, 0, 0, 0, "reset", 0, 0, 1);
            }

            @Override
            public void reset(StoreRecord.Header header) {
                jobs[0] = 0;
            }

            @Override
            public void apply(StoreRecord record) {
                if (record instanceof StoreRecord.Accepted) {
                    jobs[0]++;
                }
            }
        });
        store.locked(() -> {
            try {
                store.channel.truncate(0);
                store.channel.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
        return jobs[0];
    }

    /** An I/O failure in words, without the JDK's class names. */
    static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory: " + e.getMessage();
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way of a directory: " + e.getMessage();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + (f.getFile() == null ? "" : ": " + f.getFile());
        }
        return e.getMessage() == null ? "an input/output error" : e.getMessage();
    }

    @Override
    public String toString() {
        return "FakeStore[" + dir + "]";
    }
}
