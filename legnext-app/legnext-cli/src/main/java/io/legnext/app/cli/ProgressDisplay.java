package io.legnext.app.cli;

import io.legnext.core.wait.JobProgress;
import io.legnext.core.wait.JobProgressListener;
import java.io.PrintWriter;

/**
 * Shows a wait's progress on stderr (status, elapsed time, expected remaining time): one line rewritten in place
 * for a single job, a line per status change when several jobs are waited for. Silent unless enabled.
 */
final class ProgressDisplay implements JobProgressListener, AutoCloseable {

    private final PrintWriter err;
    private final boolean enabled;
    private final boolean inPlace;
    private int width;

    ProgressDisplay(PrintWriter err, boolean enabled, boolean inPlace) {
        this.err = err;
        this.enabled = enabled;
        this.inPlace = inPlace;
    }

    @Override
    public synchronized void onProgress(JobProgress p) {
        if (!enabled) {
            return;
        }
        String text = "job " + p.job().id() + " " + p.job().status() + ", " + Output.duration(p.elapsed()) + " elapsed"
                + p.expectedRemaining()
                        .map(r -> ", about " + Output.duration(r) + " left")
                        .orElse("");
        if (inPlace) {
            err.print("\r" + pad(text));
            width = Math.max(width, text.length());
            err.flush();
        } else if (p.changed()) {
            err.println(text);
            err.flush();
        }
    }

    /** Shows a download's progress in place. */
    synchronized void downloading(long done, long total, int filesDone, int files) {
        if (!enabled) {
            return;
        }
        String text = "downloading " + files + " file" + (files == 1 ? "" : "s") + ": " + filesDone + " done, "
                + megabytes(done) + (total >= 0 ? " of " + megabytes(total) : "");
        err.print("\r" + pad(text));
        width = Math.max(width, text.length());
        err.flush();
    }

    private String pad(String text) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    /** Clears the in-place line. */
    @Override
    public synchronized void close() {
        if (enabled && width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
            width = 0;
        }
    }
}
