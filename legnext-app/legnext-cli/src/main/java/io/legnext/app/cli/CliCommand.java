package io.legnext.app.cli;

import io.legnext.app.download.ByteSize;
import io.legnext.app.download.DownloadException;
import io.legnext.app.download.Downloader;
import io.legnext.app.download.SavedFile;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.wait.JobFailedException;
import io.legnext.core.wait.WaitTimedOutException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command shares: the root's context, output and services, waiting and downloading. */
abstract class CliCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    LegnextCli root() {
        return (LegnextCli) spec.root().userObject();
    }

    Output output() {
        return root().output();
    }

    CliServices services() {
        return root().services();
    }

    @Override
    public final Integer call() throws Exception {
        return execute();
    }

    abstract int execute() throws Exception;

    /**
     * Waits for a job with a progress display, records how it ended in the journal, and prints the job as last
     * seen when it failed or the wait timed out before the failure goes up.
     */
    Job await(JobId id, WaitOptionsMixin wait) throws InterruptedException {
        return await(id, null, wait);
    }

    /** Waits for a job in hand (just submitted): the first lookup comes when the policy says. */
    Job await(Job known, WaitOptionsMixin wait) throws InterruptedException {
        return await(known.id(), known, wait);
    }

    private Job await(JobId id, Job known, WaitOptionsMixin wait) throws InterruptedException {
        CliServices s = services();
        root().context().inFlight().waiting(id, isJournaled(id), s.isFake());
        try (ProgressDisplay progress = output().progress(false)) {
            Job job = known != null
                    ? s.legnext().await(known, wait.options(progress))
                    : s.legnext().await(id, wait.options(progress));
            recordOutcome(job);
            return job;
        } catch (JobFailedException e) {
            recordOutcome(e.job());
            output().job(e.job(), List.of());
            throw e;
        } catch (WaitTimedOutException e) {
            output().job(e.lastKnown(), List.of());
            throw e;
        } finally {
            root().context().inFlight().doneWaiting(id);
        }
    }

    /** Whether the journal knows this job; an unreadable journal counts as not knowing it. */
    boolean isJournaled(JobId id) {
        try {
            return services().journal().find(id).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Records a terminal job in the journal; a journal that cannot be written costs a warning, not the result. */
    void recordOutcome(Job job) {
        try {
            services().journal().recordOutcome(job);
        } catch (RuntimeException e) {
            output().notice("legnext: warning: " + e.getMessage());
        }
    }

    /**
     * Saves a completed job's results into {@code dir}, with progress and no file larger than the options' cap, and
     * says how many stale parts of cut-short downloads it cleared there. When some cannot be saved, the job is
     * printed first (with what was saved), so that its result URLs are not lost with the download; then the failure
     * goes up.
     */
    List<SavedFile> download(Job job, Path dir, DownloadOptionsMixin options) {
        if (!job.isCompleted()) {
            throw new CliStateException("Job " + job.id() + " is " + job.status() + ": there is nothing to download"
                    + " until it has completed. Wait for it: legnext job wait " + job.id() + " --download " + dir);
        }
        List<SavedFile> saved;
        try (ProgressDisplay progress = output().progress(false)) {
            saved = options.downloader(services().downloads()).download(job, dir, new Downloader.Progress() {
                @Override
                public void update(long bytesDone, long bytesTotal, int filesDone, int files) {
                    progress.downloading(bytesDone, bytesTotal, filesDone, files);
                }

                @Override
                public void removedStaleParts(Path directory, int parts, long bytes) {
                    output().notice("legnext: removed " + parts + " stale partial download" + (parts == 1 ? "" : "s")
                            + " (" + ByteSize.format(bytes) + ") from " + directory + ", left by downloads that were"
                            + " cut short.");
                }
            });
        } catch (DownloadException e) {
            output().job(job, e.saved());
            throw e;
        }
        return saved;
    }
}
