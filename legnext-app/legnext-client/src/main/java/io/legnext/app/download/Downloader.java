package io.legnext.app.download;

import io.legnext.app.IoFailures;
import io.legnext.core.job.Job;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * Saves a job's results into a directory: in parallel, each to a temporary name first and renamed when complete,
 * never overwriting a different file (an identical one is left as it is), none larger than a size cap.
 */
public final class Downloader {

    /** At most this many files are fetched at once. */
    public static final int PARALLELISM = 4;

    private static final Pattern EXTENSION = Pattern.compile("\\.([A-Za-z0-9]{1,5})$");
    /** How often publishing a file checks its name again after finding it taken meanwhile. */
    private static final int PUBLISH_ATTEMPTS = 3;
    /**
     * The default cap on the size of one file, 2 GiB. The service's results are a few MB each (videos of at most
     * 20 seconds, images), so a cap hundreds of times larger never stops a real result, while an endless or hostile
     * body is stopped long before it fills a disk.
     */
    public static final long DEFAULT_MAX_FILE_SIZE = 2L << 30;

    /** Hears of download progress, from several threads; must be quick. */
    @FunctionalInterface
    public interface Progress {
        /** Ignores everything. */
        Progress NONE = (done, total, files, of) -> {};

        /**
         * @param bytesDone bytes fetched so far, all files together
         * @param bytesTotal bytes expected, or -1 while some length is unknown
         * @param filesDone files finished
         * @param files files in all
         */
        void update(long bytesDone, long bytesTotal, int filesDone, int files);

        /**
         * Hears, before the download begins, that parts left in {@code directory} by downloads cut short (a kill, a
         * crash) were removed; not called when there were none.
         *
         * @param parts how many were removed
         * @param bytes their size together
         */
        default void removedStaleParts(Path directory, int parts, long bytes) {}
    }

    private final DownloadSource source;
    private final long maxFileSize;
    private final String raiseCapHint;

    /**
     * A downloader with the {@link #DEFAULT_MAX_FILE_SIZE default cap}.
     *
     * @param source where the bytes come from
     */
    public Downloader(DownloadSource source) {
        this(builder(source));
    }

    private Downloader(Builder b) {
        this.source = b.source;
        this.maxFileSize = b.maxFileSize;
        this.raiseCapHint = b.raiseCapHint;
    }

    /**
     * A downloader to configure.
     *
     * @param source where the bytes come from
     */
    public static Builder builder(DownloadSource source) {
        return new Builder(source);
    }

    /** The largest file this saves, in bytes. */
    public long maxFileSize() {
        return maxFileSize;
    }

    /**
     * Saves every result of a completed job (its videos, else its images) into {@code directory}, named
     * {@code <jobId>_<n>.<ext>}.
     *
     * @return the saved files, in result order
     * @throws DownloadException when any file could not be saved; it lists what was saved anyway
     */
    public List<SavedFile> download(Job job, Path directory, Progress progress) {
        List<URI> urls = job.videoUrls().isEmpty() ? job.imageUrls() : job.videoUrls();
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            targets.add(new Target(
                    urls.get(i),
                    directory.resolve(job.id() + "_" + i + "."
                            + extension(urls.get(i), job.videoUrls().isEmpty() ? "png" : "mp4"))));
        }
        return download(targets, directory, progress);
    }

    private List<SavedFile> download(List<Target> targets, Path directory, Progress progress) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new DownloadException(
                    DownloadException.Kind.LOCAL,
                    "Cannot save into " + directory + ": " + IoFailures.directory(directory, e) + ".",
                    List.of(),
                    e);
        }
        PartFiles.Cleared cleared = PartFiles.clearStale(directory, Instant.now());
        if (cleared.parts() > 0 && progress != null) {
            progress.removedStaleParts(directory, cleared.parts(), cleared.bytes());
        }
        DownloadTally tally = new DownloadTally(targets.size(), progress);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLELISM, targets.size())), r -> {
            Thread t = new Thread(r, "legnext-download");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<SavedFile>> futures = new ArrayList<>();
            for (Target t : targets) {
                futures.add(pool.submit(() -> save(t, tally)));
            }
            List<SavedFile> saved = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            DownloadException.Kind firstKind = null;
            Throwable firstCause = null;
            for (int i = 0; i < futures.size(); i++) {
                try {
                    saved.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    DownloadException.Kind kind =
                            cause instanceof Failure failure ? failure.kind : DownloadException.Kind.LOCAL;
                    failures.add(
                            cause instanceof Failure
                                    ? cause.getMessage()
                                    : "Saving "
                                            + DownloadSource.redact(targets.get(i).url) + " failed unexpectedly: "
                                            + IoFailures.words(cause, "an internal error"));
                    if (firstKind == null) {
                        firstKind = kind;
                        firstCause = cause;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DownloadException(
                            DownloadException.Kind.LOCAL, "Interrupted while downloading into " + directory, saved, e);
                }
            }
            if (!failures.isEmpty()) {
                throw new DownloadException(firstKind, String.join("\n", failures), saved, firstCause);
            }
            return saved;
        } finally {
            pool.shutdownNow();
        }
    }

    private SavedFile save(Target target, DownloadTally tally) throws Failure {
        DownloadSource.Opened opened = open(target.url);
        try (InputStream in = opened.body()) {
            if (opened.length() > maxFileSize) {
                throw new Failure(
                        DownloadException.Kind.TOO_LARGE,
                        "Refusing " + DownloadSource.redact(target.url)
                                + ": it is " + ByteSize.format(opened.length()) + ", more than the "
                                + ByteSize.format(maxFileSize)
                                + " cap on one file; nothing of it was saved. To download it, "
                                + raiseCapHint + ".",
                        null);
            }
            tally.expect(opened.length());
            // Published while the part is still locked: until it has its name, it is a live download's.
            try (PartFiles.Writing part = PartFiles.create(target.path)) {
                long bytes = copy(in, part.channel(), target, tally);
                part.channel().force(true);
                return publish(target, part.path(), bytes, tally);
            }
        } catch (IOException e) {
            throw new Failure(
                    DownloadException.Kind.LOCAL, "Cannot write " + target.path + ": " + IoFailures.local(e), e);
        }
    }

    /** Copies the body into the part, up to the cap; answers the bytes copied. */
    private long copy(InputStream in, FileChannel out, Target target, DownloadTally tally) throws IOException, Failure {
        byte[] buffer = new byte[64 * 1024];
        long bytes = 0;
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException e) {
                throw new Failure(
                        DownloadException.Kind.SOURCE,
                        "Fetching " + DownloadSource.redact(target.url) + " broke off after " + bytes + " bytes: "
                                + IoFailures.network(e, target.url),
                        e);
            }
            if (n < 0) {
                return bytes;
            }
            // Checked before the write, and against the bytes counted, whatever length was announced.
            if (n > maxFileSize - bytes) {
                throw new Failure(
                        DownloadException.Kind.TOO_LARGE,
                        "Stopped fetching "
                                + DownloadSource.redact(target.url) + " at the " + ByteSize.format(maxFileSize)
                                + " cap on one file: it sent more than that, and the partial file was removed. To download"
                                + " it, " + raiseCapHint + ".",
                        null);
            }
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
            while (chunk.hasRemaining()) {
                out.write(chunk);
            }
            bytes += n;
            tally.add(n);
        }
    }

    private DownloadSource.Opened open(URI url) throws Failure {
        try {
            return source.open(url);
        } catch (IOException | RuntimeException e) {
            // A source's own messages say what failed; one without a message gets words here.
            throw new Failure(
                    DownloadException.Kind.SOURCE,
                    e instanceof IOException && e.getMessage() != null
                            ? e.getMessage()
                            : "Cannot fetch " + DownloadSource.redact(url) + ": " + IoFailures.network(e, url),
                    e);
        }
    }

    /**
     * Gives the complete temporary file its name, unless something has that name: an identical regular file is
     * fine, anything else (a different file, a link, even a dangling one, a directory) is a conflict, never
     * replaced.
     */
    private static SavedFile publish(Target target, Path temp, long bytes, DownloadTally tally)
            throws IOException, Failure {
        // A name taken between the check and the link is checked again; a name that keeps changing is a conflict.
        for (int attempt = 0; attempt < PUBLISH_ATTEMPTS; attempt++) {
            if (Files.exists(target.path, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.isRegularFile(target.path, LinkOption.NOFOLLOW_LINKS)
                        && Files.mismatch(temp, target.path) == -1) {
                    tally.fileDone();
                    return new SavedFile(target.url, target.path, bytes, true);
                }
                throw conflict(target.path);
            }
            try {
                // A hard link fails if the name exists, so an entry that appeared meanwhile is never replaced.
                Files.createLink(target.path, temp);
            } catch (FileAlreadyExistsException e) {
                continue;
            } catch (UnsupportedOperationException | FileSystemException e) {
                try {
                    // No REPLACE_EXISTING: an entry that has the name is refused, not overwritten.
                    Files.move(temp, target.path);
                } catch (FileAlreadyExistsException again) {
                    continue;
                }
            }
            tally.fileDone();
            return new SavedFile(target.url, target.path, bytes, false);
        }
        throw conflict(target.path);
    }

    private static Failure conflict(Path path) {
        String what;
        if (Files.isSymbolicLink(path)) {
            what = "a symbolic link";
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            what = "a directory";
        } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            what = "a different file";
        } else {
            what = "something else";
        }
        return new Failure(
                DownloadException.Kind.CONFLICT,
                "Refusing to overwrite " + path + ": " + what
                        + " has that name. Move it away or download into another directory.",
                null);
    }

    private static String extension(URI url, String fallback) {
        String path = url.getPath() == null ? "" : url.getPath();
        var m = EXTENSION.matcher(path);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : fallback;
    }

    private record Target(URI url, Path path) {}

    /** Configures a {@link Downloader}. */
    public static final class Builder {
        private final DownloadSource source;
        private long maxFileSize = DEFAULT_MAX_FILE_SIZE;
        private String raiseCapHint = "raise the cap with Downloader.builder(source).maxFileSize(bytes)";

        private Builder(DownloadSource source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        /**
         * The largest file to save: a larger one is refused, before a byte is written when its length is announced,
         * else as soon as it grows past the cap (and its partial file is removed).
         *
         * @param bytes at least 1; default {@link #DEFAULT_MAX_FILE_SIZE}
         */
        public Builder maxFileSize(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("'maxFileSize' must be at least 1 byte, was " + bytes);
            }
            this.maxFileSize = bytes;
            return this;
        }

        /**
         * How a refusal tells its reader to raise the cap, completing "To download it, ...": a command line names its
         * option, e.g. {@code "raise the cap with --max-download-size SIZE"}.
         */
        public Builder raiseCapHint(String hint) {
            Objects.requireNonNull(hint, "hint");
            if (hint.isBlank()) {
                throw new IllegalArgumentException("'raiseCapHint' must say how to raise the cap, was blank");
            }
            this.raiseCapHint = hint.strip();
            return this;
        }

        /** The downloader. */
        public Downloader build() {
            return new Downloader(this);
        }
    }

    /** One file's failure, with its kind. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient DownloadException.Kind kind;

        Failure(DownloadException.Kind kind, String message, Throwable cause) {
            super(message, cause);
            this.kind = kind;
        }
    }
}
