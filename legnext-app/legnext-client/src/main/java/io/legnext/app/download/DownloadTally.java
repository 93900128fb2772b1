package io.legnext.app.download;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What a download has done so far, across its files, told to its {@link Downloader.Progress} as it grows. */
/** Counts bytes and files across threads and reports them. */
final class DownloadTally {
    private final int files;
    private final Downloader.Progress progress;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong expected = new AtomicLong();
    private final AtomicInteger known = new AtomicInteger();
    private final AtomicInteger unknown = new AtomicInteger();
    private final AtomicInteger filesDone = new AtomicInteger();

    DownloadTally(int files, Downloader.Progress progress) {
        this.files = files;
        this.progress = progress == null ? Downloader.Progress.NONE : progress;
    }

    void expect(long length) {
        if (length >= 0) {
            expected.addAndGet(length);
            known.incrementAndGet();
        } else {
            unknown.incrementAndGet();
        }
        report();
    }

    void add(long n) {
        done.addAndGet(n);
        report();
    }

    void fileDone() {
        filesDone.incrementAndGet();
        report();
    }

    private void report() {
        long total = known.get() == files ? expected.get() : -1;
        progress.update(done.get(), total, filesDone.get(), files);
    }
}
