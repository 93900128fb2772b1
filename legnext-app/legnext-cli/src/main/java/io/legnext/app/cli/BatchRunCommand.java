package io.legnext.app.cli;

import io.legnext.app.batch.BatchStoreException;
import io.legnext.app.batch.FileBatchStore;
import io.legnext.app.download.DownloadException;
import io.legnext.app.download.Downloader;
import io.legnext.app.download.SavedFile;
import io.legnext.core.batch.BatchEstimate;
import io.legnext.core.batch.BatchItem;
import io.legnext.core.batch.BatchOptions;
import io.legnext.core.batch.BatchRefusedException;
import io.legnext.core.batch.BatchReport;
import io.legnext.core.batch.ItemRecord;
import io.legnext.core.batch.ItemState;
import io.legnext.core.inmemory.InMemoryBatchStore;
import io.legnext.core.job.Job;
import io.legnext.core.port.in.RunBatchUseCase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code legnext batch run FILE}: sends a batch file's rows, a few at a time, waits for them, resumes. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Validate the whole file, show the estimate beside the balance, then send its rows (at most --concurrency"
                    + " in flight), wait for each job and print a summary.",
            "Run the same command again to resume: accepted jobs are waited for, never sent twice.",
            "Exit 0 only when every item completed; 4 failed or skipped items; 5 items still running after"
                    + " --timeout; 7 uncertain items; 8 the balance cannot cover it; 9 not confirmed; 10 another"
                    + " process runs it; 130 interrupted."
        })
final class BatchRunCommand extends CliCommand {

    /** Where the confirmation threshold in jobs is read from when the option is not given. */
    static final String CONFIRM_JOBS_ENV = "LEGNEXT_BATCH_CONFIRM_JOBS";
    /** Where the confirmation threshold in points is read from when the option is not given. */
    static final String CONFIRM_POINTS_ENV = "LEGNEXT_BATCH_CONFIRM_POINTS";
    /** A batch sending more jobs than this asks first (without --yes). */
    static final int DEFAULT_CONFIRM_JOBS = 10;
    /** A batch reserving more points than this asks first (without --yes): ten video jobs. */
    static final int DEFAULT_CONFIRM_POINTS = 4_800;

    @Parameters(index = "0", paramLabel = "FILE", description = "The batch file (.csv, .jsonl or .ndjson).")
    Path file;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            description = "At most N jobs in flight at once, 1-" + BatchOptions.MAX_IN_FLIGHT
                    + " (default 6: the service runs about 6 of an account at once).")
    int concurrency = BatchOptions.DEFAULT_MAX_IN_FLIGHT;

    @Option(names = "--download", paramLabel = "DIR", description = "Save each completed item's videos into DIR.")
    Path download;

    @Option(names = "--dry-run", description = "Print what each item would send and the estimate; send nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Send without asking, whatever the estimate.")
    boolean yes;

    @Option(
            names = "--confirm-jobs",
            paramLabel = "N",
            description = "Ask before sending more than N jobs (or " + CONFIRM_JOBS_ENV + "; default 10).")
    Integer confirmJobs;

    @Option(
            names = "--confirm-points",
            paramLabel = "N",
            description = "Ask before reserving more than N points (or " + CONFIRM_POINTS_ENV + "; default 4800).")
    Integer confirmPoints;

    @Mixin
    WaitOptionsMixin waitOptions;

    @Mixin
    DownloadOptionsMixin downloadOptions;

    @Override
    int execute() throws InterruptedException {
        if (concurrency < 1 || concurrency > BatchOptions.MAX_IN_FLIGHT) {
            throw new CliUsageException("'--concurrency' must be between 1 and " + BatchOptions.MAX_IN_FLIGHT + ", was "
                    + concurrency + ". Nothing was sent.");
        }
        int jobsThreshold = threshold("--confirm-jobs", confirmJobs, CONFIRM_JOBS_ENV, DEFAULT_CONFIRM_JOBS);
        int pointsThreshold = threshold("--confirm-points", confirmPoints, CONFIRM_POINTS_ENV, DEFAULT_CONFIRM_POINTS);
        BatchOptions options =
                BatchOptions.defaults().withMaxInFlight(concurrency).withWaitOptions(waitOptions.options(null));
        if (download != null && !dryRun) {
            VideoCommand.Submit.prepareDownloadDirectory(download);
        }
        BatchFileReader.BatchFile batch = BatchCommand.readOrReport(file, output());
        if (batch == null) {
            return ExitCodes.USAGE;
        }
        String id = batch.batch().id();
        Path directory = BatchCommand.directory(root().settings());
        if (dryRun) {
            FileBatchStore.Snapshot snapshot = FileBatchStore.read(directory, id);
            if (edited(batch, snapshot.records(), snapshot.digests())) {
                return ExitCodes.USAGE;
            }
            InMemoryBatchStore seen = new InMemoryBatchStore();
            snapshot.records().values().forEach(r -> seen.save(id, r));
            BatchEstimate estimate = services().legnext().batches(seen).dryRun(batch.batch(), options);
            plan(batch, snapshot.records());
            output().result("Would send " + estimate.describe() + ". Nothing was sent.");
            return estimate.covered() ? ExitCodes.OK : ExitCodes.NOT_COVERED;
        }
        try (FileBatchStore store =
                new FileBatchStore(directory, root().settings().redactor())) {
            Map<String, ItemRecord> kept = store.load(id);
            if (edited(batch, kept, store.digests(id))) {
                return ExitCodes.USAGE;
            }
            RunBatchUseCase dry = services().legnext().batches(store);
            BatchEstimate estimate = dry.dryRun(batch.batch(), options);
            output().notice("legnext: batch " + file + " ("
                    + batch.batch().items().size() + " items): " + estimate.describe() + ".");
            if (!estimate.covered()) {
                output().error("legnext: " + new BatchRefusedException(estimate).getMessage());
                return ExitCodes.NOT_COVERED;
            }
            if (!yes && (estimate.totalJobs() > jobsThreshold || estimate.totalPoints() > pointsThreshold)) {
                int refused = confirm(estimate, jobsThreshold, pointsThreshold);
                if (refused != ExitCodes.OK) {
                    return refused;
                }
            }
            batch.digests().forEach((key, digest) -> store.keepDigest(id, key, digest));
            return run(batch, store, options);
        } catch (BatchStoreException e) {
            output().error("legnext: " + e.getMessage());
            return e instanceof BatchStoreException.InUse ? ExitCodes.IN_USE : ExitCodes.OTHER;
        }
    }

    private int run(BatchFileReader.BatchFile batch, FileBatchStore store, BatchOptions options)
            throws InterruptedException {
        String id = batch.batch().id();
        CliServices s = services();
        List<ItemRecord> before = BatchTable.records(batch, store.load(id));
        BatchProgress progress = new BatchProgress(
                store,
                root().context().inFlight(),
                s.isFake(),
                batch,
                before,
                root().context().err(),
                root().context().stderrIsTerminal(),
                root().options().quiet,
                s.legnext().scheduler().clock());
        for (ItemRecord r : before) {
            if (r.state().isFinal()) {
                finished(batch, r, progress);
            }
        }
        InFlight inFlight = root().context().inFlight();
        inFlight.batch("legnext: interrupted: batch " + file + " stopped submitting; its accepted jobs run on at the"
                + " service and nothing is lost. Run the same command again to wait for them and send the rest:"
                + " legnext batch run " + file);
        CompletableFuture<Void> stop = root().context().stop();
        CompletableFuture<BatchReport> running;
        try {
            running = s.legnext().batches(progress).run(batch.batch(), options);
        } catch (BatchRefusedException e) {
            inFlight.batch(null);
            output().error("legnext: " + e.getMessage());
            return ExitCodes.NOT_COVERED;
        }
        running.whenComplete((r, e) -> progress.wake());
        stop.whenComplete((v, e) -> progress.wake());
        boolean interrupted = false;
        boolean downloadsFailed = false;
        try {
            while (true) {
                ItemRecord r = progress.next(Duration.ofSeconds(1));
                if (r == null || BatchProgress.isWake(r)) {
                    progress.redraw();
                } else if (progress.show(r)) {
                    downloadsFailed |= !finished(batch, r, progress);
                }
                if (stop.isDone() && !running.isDone()) {
                    interrupted = true;
                    running.cancel(false);
                }
                if (running.isDone() && !progress.pending()) {
                    break;
                }
            }
        } finally {
            running.cancel(false);
            progress.clear();
        }
        if (interrupted) {
            // A submit under way gets its answer into the journal and the store before the store closes.
            inFlight.awaitSubmits(LegnextCli.SUBMIT_GRACE);
        }
        List<ItemRecord> records = BatchTable.records(batch, store.load(id));
        if (!output().json()) {
            BatchTable.print(root().context().out(), batch, records);
            output().result(BatchTable.totals(batch, records) + ".");
        } else {
            output().notice("legnext: " + BatchTable.totals(batch, records) + ".");
        }
        if (interrupted) {
            // The process may be ending: the interrupt hook prints how to resume; in-process, say it here.
            output().error("legnext: interrupted: stopped submitting. Run the same command again to resume: legnext"
                    + " batch run " + file);
            return ExitCodes.INTERRUPTED;
        }
        inFlight.batch(null);
        Throwable failure = failure(running);
        if (failure != null) {
            if (failure instanceof BatchStoreException) {
                output().error("legnext: " + failure.getMessage());
                return ExitCodes.OTHER;
            }
            return root().report(failure);
        }
        int code = exitCode(records);
        if (code == ExitCodes.OK && downloadsFailed) {
            return ExitCodes.OTHER;
        }
        if (code != ExitCodes.OK) {
            output().error("legnext: not every item completed; run the same command again to resume what still"
                    + " runs (failed, skipped and uncertain items are never re-sent).");
        }
        return code;
    }

    /** What the run's future failed with, if it did (not a cancel). */
    private static Throwable failure(CompletableFuture<BatchReport> running) {
        try {
            running.join();
            return null;
        } catch (CancellationException e) {
            return null;
        } catch (RuntimeException e) {
            return ExitCodes.unwrap(e);
        }
    }

    /** 0 only when every item completed; otherwise the worst: uncertain, failed or skipped, still running. */
    static int exitCode(List<ItemRecord> records) {
        if (records.stream().anyMatch(r -> r.state() == ItemState.UNCERTAIN)) {
            return ExitCodes.UNCERTAIN;
        }
        if (records.stream().anyMatch(r -> r.state() == ItemState.FAILED || r.state() == ItemState.SKIPPED)) {
            return ExitCodes.JOB_FAILED;
        }
        if (records.stream().anyMatch(r -> r.state() == ItemState.ACCEPTED)) {
            return ExitCodes.TIMED_OUT;
        }
        return records.stream().allMatch(r -> r.state() == ItemState.COMPLETED) ? ExitCodes.OK : ExitCodes.OTHER;
    }

    /**
     * An item that ended: its job is looked up once (for its URLs, the journal's record of how it ended and the
     * downloads), then its JSON line printed. Answers false when its videos could not all be saved.
     */
    private boolean finished(BatchFileReader.BatchFile batch, ItemRecord r, BatchProgress progress) {
        Job job = null;
        if (r.jobId().isPresent() && (r.state() == ItemState.COMPLETED || r.state() == ItemState.FAILED)) {
            try {
                job = services().legnext().getJob(r.jobId().get());
                if (job.isTerminal()) {
                    recordOutcome(job);
                }
            } catch (RuntimeException e) {
                progress.notice("legnext: " + batch.where(r.key()) + ": cannot look up job "
                        + r.jobId().get() + ": " + e.getMessage());
            }
        }
        List<SavedFile> files = List.of();
        boolean saved = true;
        if (download != null && job != null && job.isCompleted()) {
            try {
                files = downloadOptions
                        .downloader(services().downloads())
                        .download(job, download, Downloader.Progress.NONE);
            } catch (DownloadException e) {
                files = e.saved();
                saved = false;
                progress.notice("legnext: " + batch.where(r.key()) + ": " + e.getMessage());
            }
        }
        if (output().json()) {
            output().printJson(BatchTable.json(batch, r, job, files));
        }
        return saved;
    }

    private boolean edited(BatchFileReader.BatchFile batch, Map<String, ItemRecord> kept, Map<String, String> digests) {
        List<String> problems = BatchCommand.editedRows(batch, kept, digests);
        problems.forEach(output()::error);
        if (!problems.isEmpty()) {
            output().error("legnext: " + problems.size() + " row(s) of " + file + " changed since they were sent;"
                    + " nothing was sent.");
        }
        return !problems.isEmpty();
    }

    /** The dry run's plan: what each item would send, or where it stands when a run already dealt with it. */
    private void plan(BatchFileReader.BatchFile batch, Map<String, ItemRecord> kept) {
        for (BatchItem item : batch.batch().items()) {
            ItemRecord r = kept.getOrDefault(item.key(), ItemRecord.pending(item.key()));
            String state = r.state() == ItemState.PENDING
                    ? "would send"
                    : BatchTable.state(r.state())
                            + r.jobId().map(j -> " (job " + j + ")").orElse("") + ", not sent again";
            output().result(batch.where(item.key()) + "  " + item.key() + "  " + state + ": "
                    + BatchFileReader.describe(item.step()));
        }
    }

    /** Asks on a terminal; refuses elsewhere. Answers OK when confirmed, else the exit code (nothing was sent). */
    private int confirm(BatchEstimate estimate, int jobs, int points) {
        String over = estimate.totalJobs() + " jobs (" + estimate.totalPoints() + " points of "
                + estimate.availablePoints() + " available), over the confirmation threshold of " + jobs + " jobs or "
                + points + " points";
        CliContext context = root().context();
        if (!context.interactive()) {
            output().error("legnext: this batch would send " + over + ". Nothing was sent: pass --yes to send it"
                    + " without asking (or raise the threshold with --confirm-jobs / --confirm-points).");
            return ExitCodes.NOT_CONFIRMED;
        }
        context.err().print("legnext: send " + over + "? [y/N] ");
        context.err().flush();
        String answer;
        try {
            answer = context.in().readLine();
        } catch (IOException e) {
            answer = null;
        }
        String a = answer == null ? "" : answer.strip();
        if (a.equalsIgnoreCase("y") || a.equalsIgnoreCase("yes")) {
            return ExitCodes.OK;
        }
        output().error("legnext: not confirmed; nothing was sent.");
        return ExitCodes.NOT_CONFIRMED;
    }

    private int threshold(String option, Integer given, String env, int fallback) {
        if (given != null) {
            if (given < 0) {
                throw new CliUsageException("'" + option + "' must be 0 or more, was " + given + ". Nothing was sent.");
            }
            return given;
        }
        String text = root().context().env().get(env);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new CliUsageException(env + " must be a whole number, 0 or more, was '" + text + "'. Nothing was sent.");
    }
}
