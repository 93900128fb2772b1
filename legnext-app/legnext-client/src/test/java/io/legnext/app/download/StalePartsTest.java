package io.legnext.app.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parts left by downloads cut short are cleared when their directory is used again; live ones never are. */
class StalePartsTest {

    /** Bounds a failure only: how long a blocked download or a child JVM may take on a loaded machine. */
    static final long PATIENCE_MINUTES = 2;

    @TempDir
    Path dir;

    final List<String> reports = new ArrayList<>();
    final Downloader.Progress reporting = new Downloader.Progress() {
        @Override
        public void update(long bytesDone, long bytesTotal, int filesDone, int files) {}

        @Override
        public void removedStaleParts(Path directory, int parts, long bytes) {
            reports.add(directory + ": " + parts + " parts, " + bytes + " bytes");
        }
    };

    static Job job(String... names) {
        List<URI> urls = new ArrayList<>();
        for (String n : names) {
            urls.add(URI.create("https://cdn.example.com/temp/" + n));
        }
        return Job.builder(JobId.random(), TaskType.of("video_diffusion"), JobStatus.COMPLETED)
                .videoUrls(urls)
                .build();
    }

    /** A part of our naming, as a download of another job cut short leaves it, last written an hour ago. */
    Path leftoverPart(int bytes) throws IOException {
        Path part = dir.resolve("." + JobId.random() + "_0.mp4.part-" + Long.toHexString(System.nanoTime()));
        Files.write(part, new byte[bytes]);
        return anHourOld(part);
    }

    static Path anHourOld(Path p) throws IOException {
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        return p;
    }

    @Test
    void aStalePartIsRemovedWhenTheDirectoryIsUsedAgainAndSaidWithItsSize() throws Exception {
        Path stale = leftoverPart(5000);
        Path other = leftoverPart(700);

        new Downloader(DownloaderTest.LOCAL).download(job("a.mp4"), dir, reporting);

        assertThat(stale).doesNotExist();
        assertThat(other).doesNotExist();
        assertThat(reports).containsExactly(dir + ": 2 parts, 5700 bytes");
    }

    @Test
    void aPartLockedByAnotherChannelIsLeft() throws Exception {
        Path live = leftoverPart(5000);

        try (FileChannel channel = FileChannel.open(live, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            new Downloader(DownloaderTest.LOCAL).download(job("a.mp4"), dir, reporting);
        }

        assertThat(live).exists();
        assertThat(reports).isEmpty();
    }

    @Test
    void aPartLockedByAnotherProcessIsLeft() throws Exception {
        Path live = leftoverPart(5000);

        try (LockingProcess other = LockingProcess.hold(live)) {
            new Downloader(DownloaderTest.LOCAL).download(job("a.mp4"), dir, reporting);
        }

        assertThat(live).exists();
        assertThat(reports).isEmpty();
    }

    @Test
    void aLiveDownloadOfThisProcessKeepsItsPartAndItsLockForOtherProcesses() throws Exception {
        CountDownLatch midway = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        byte[] first = new byte[1000];
        byte[] rest = new byte[2000];
        DownloadSource pausing = url -> new DownloadSource.Opened(
                new InputStream() {
                    private final InputStream before = new ByteArrayInputStream(first);
                    private final InputStream after = new ByteArrayInputStream(rest);

                    @Override
                    public int read() {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = before.read(b, off, len);
                        if (n >= 0) {
                            return n;
                        }
                        midway.countDown();
                        try {
                            if (!release.await(PATIENCE_MINUTES, TimeUnit.MINUTES)) {
                                throw new IOException("never released");
                            }
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                        return after.read(b, off, len);
                    }
                },
                first.length + rest.length);
        CompletableFuture<List<SavedFile>> paused = CompletableFuture.supplyAsync(
                () -> new Downloader(pausing).download(job("a.mp4"), dir, Downloader.Progress.NONE));
        try {
            assertThat(midway.await(PATIENCE_MINUTES, TimeUnit.MINUTES))
                    .as("the download got half way")
                    .isTrue();
            Path part = onlyPart();

            // As if an hour had passed. (Not by ageing the part: setting a file's time opens and closes it, which
            // drops this process's locks on it.)
            PartFiles.Cleared cleared = PartFiles.clearStale(dir, Instant.now().plus(Duration.ofHours(1)));

            assertThat(cleared).isEqualTo(new PartFiles.Cleared(0, 0));
            assertThat(part).exists();
            assertThat(LockingProcess.lockedForOthers(part))
                    .as("still locked for other processes")
                    .isTrue();
        } finally {
            release.countDown();
        }
        assertThat(paused.get(PATIENCE_MINUTES, TimeUnit.MINUTES))
                .singleElement()
                .satisfies(f -> assertThat(f.bytes()).isEqualTo(first.length + rest.length));
    }

    @Test
    void anUnlockedPartYoungerThanTheGraceIsLeftForItsWriterToLock() throws Exception {
        Path fresh = leftoverPart(5000);
        Instant written = Files.getLastModifiedTime(fresh).toInstant();

        PartFiles.Cleared cleared =
                PartFiles.clearStale(dir, written.plus(PartFiles.GRACE).minusSeconds(1));

        assertThat(cleared).isEqualTo(new PartFiles.Cleared(0, 0));
        assertThat(fresh).exists();
    }

    @Test
    void filesNotOfOurNamingAreLeftHoweverOld() throws Exception {
        String id = JobId.random().toString();
        List<Path> others = new ArrayList<>();
        for (String name : List.of(
                ".notes.txt.part-1a2b",
                id + "_0.mp4.part-1a2b",
                "." + id + "_0.mp4.part-xyz",
                "." + id + "_0.mp4",
                ".part-1a2b",
                "." + id + ".mp4.part-1a2b")) {
            others.add(anHourOld(Files.write(dir.resolve(name), new byte[10])));
        }
        Path directory = anHourOld(Files.createDirectory(dir.resolve("." + id + "_1.mp4.part-1a2b")));
        Path link = Files.createSymbolicLink(dir.resolve("." + id + "_2.mp4.part-1a2b"), others.get(0));

        new Downloader(DownloaderTest.LOCAL).download(job("a.mp4"), dir, reporting);

        assertThat(others).allMatch(Files::exists);
        assertThat(directory).isDirectory();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(reports).isEmpty();
    }

    private Path onlyPart() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> parts = files.filter(p -> p.getFileName().toString().contains(".part-"))
                    .toList();
            assertThat(parts).hasSize(1);
            return parts.get(0);
        }
    }
}
