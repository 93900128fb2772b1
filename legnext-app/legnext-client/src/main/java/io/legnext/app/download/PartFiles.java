package io.legnext.app.download;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The temporary files a download writes ({@code .<jobid>_<n>.<ext>.part-<hex>}), and the clearing of those that
 * downloads cut short (a kill, a crash, a power cut) left behind.
 *
 * <p>Stale or live is told by a lock, not by age: a writer holds an exclusive lock on its part from just after its
 * creation until it is published and deleted, and the operating system drops a lock when its process ends, even by
 * {@code kill -9}. So an unlocked part belongs to a download that is over, however recent, and a locked one to a live
 * download, however old (a slow 2 GiB download takes long). An age threshold would guess at both, and a pid in the
 * name can be reused by another process. Age plays one part: a part younger than {@link #GRACE} is left, as it may
 * be between its creation and its lock. Where locks do not work (some network file systems), nothing can be told,
 * and the part is left.
 */
final class PartFiles {

    /** Parts younger than this are left even when unlocked: their writer may not have locked them yet. */
    static final Duration GRACE = Duration.ofMinutes(1);

    private static final Pattern OURS = Pattern.compile(
            "\\.[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}_\\d+\\.[a-z0-9]{1,5}"
                    + "\\.part-[0-9a-f]{1,16}");
    /**
     * The byte locked: one far past any data, so that where locks are mandatory (Windows) the lock never stops the
     * part from being read (publishing compares it with an existing file).
     */
    private static final long LOCK_POSITION = Long.MAX_VALUE - 1;
    /**
     * The parts this process is writing, never opened by its own clearing: closing any descriptor of a file (a
     * channel, or the one {@code Files.setLastModifiedTime} or {@code Files.mismatch} opens) releases every lock the
     * process holds on it (POSIX), which would make a live part look stale to other processes. Publishing compares a
     * part only once it is complete, just before deleting it.
     */
    private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();

    private PartFiles() {}

    /** What clearing a directory removed. */
    record Cleared(int parts, long bytes) {}

    /**
     * Creates a new part for {@code target}, in its directory, open for writing and locked until closed; closing it
     * deletes it (by then a complete one has been published under its own name).
     */
    static Writing create(Path target) throws IOException {
        Path part = target.resolveSibling("." + target.getFileName() + ".part-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        Path key = key(part);
        WRITING.add(key);
        try {
            FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                channel.tryLock(LOCK_POSITION, 1, false);
            } catch (IOException | UnsupportedOperationException e) {
                // No locks here: the download goes on, and other processes' clearing leaves this part (see above).
            }
            return new Writing(part, key, channel);
        } catch (IOException | RuntimeException e) {
            WRITING.remove(key);
            throw e;
        }
    }

    /**
     * Removes the parts of our naming in {@code dir} that no live download holds: regular files only, older than
     * {@link #GRACE} at {@code now}, unlocked. Never fails: what cannot be read or removed is left.
     */
    static Cleared clearStale(Path dir, Instant now) {
        int parts = 0;
        long bytes = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(
                dir, p -> OURS.matcher(p.getFileName().toString()).matches())) {
            for (Path p : entries) {
                if (WRITING.contains(key(p)) || !isOldFile(p, now)) {
                    continue;
                }
                long size = removeIfUnlocked(p);
                if (size >= 0) {
                    parts++;
                    bytes += size;
                }
            }
        } catch (IOException | DirectoryIteratorException | SecurityException e) {
            // Clearing is housekeeping: a directory that cannot be listed fails the download later, in words.
        }
        return new Cleared(parts, bytes);
    }

    private static boolean isOldFile(Path p, Instant now) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() && !a.lastModifiedTime().toInstant().isAfter(now.minus(GRACE));
        } catch (IOException e) {
            return false;
        }
    }

    /** The part's size when it was removed, or -1 when it was left. */
    private static long removeIfUnlocked(Path p) {
        try (FileChannel channel = FileChannel.open(p, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            FileLock lock;
            try {
                lock = channel.tryLock(LOCK_POSITION, 1, false);
            } catch (OverlappingFileLockException e) {
                return -1; // another channel of this process holds it
            }
            if (lock == null) {
                return -1; // another process holds it: a live download
            }
            long size = channel.size();
            // Deleted while locked, so that no writer can be between its lock and its name meanwhile.
            Files.delete(p);
            return size;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return -1;
        }
    }

    private static Path key(Path part) {
        return part.toAbsolutePath().normalize();
    }

    /** One part being written: its channel, locked; closing it unlocks and deletes the part. */
    static final class Writing implements AutoCloseable {
        private final Path path;
        private final Path key;
        private final FileChannel channel;

        private Writing(Path path, Path key, FileChannel channel) {
            this.path = path;
            this.key = key;
            this.channel = channel;
        }

        Path path() {
            return path;
        }

        FileChannel channel() {
            return channel;
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // The bytes were forced, or the download failed already; the part goes all the same.
            }
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // A leftover part is removed by the next download into this directory.
            } finally {
                WRITING.remove(key);
            }
        }
    }
}
