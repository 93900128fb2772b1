package io.legnext.app.cli;

import io.legnext.app.download.SavedFile;
import io.legnext.app.journal.FileJobJournal;
import io.legnext.app.journal.JournalEntry;
import io.legnext.core.error.NotFoundException;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.wait.JobFailedException;
import io.legnext.core.wait.WaitTimedOutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code legnext jobs ...}: the local journal of submitted jobs. */
@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "The local journal: every job this machine submitted (in LEGNEXT_HOME, default ~/.legnext).",
        subcommands = {JobsCommand.ListJobs.class, JobsCommand.Resume.class})
final class JobsCommand extends CliCommand {

    @Override
    int execute() {
        throw new CliUsageException("say which: legnext jobs list|resume (see legnext jobs --help)");
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {
                "List the journaled jobs with their last recorded status; reads only the local journal.",
                "Status is completed or failed once seen to end, gone when the service forgot the job, else"
                        + " unfinished."
            })
    static final class ListJobs extends CliCommand {

        @Option(names = "--unfinished", description = "Only the jobs not yet seen to end.")
        boolean unfinished;

        @Override
        int execute() {
            Settings settings = root().settings();
            FileJobJournal journal = new FileJobJournal(settings.home(), "unknown", java.time.Clock.systemUTC());
            FileJobJournal.Snapshot snapshot = journal.read();
            if (snapshot.skippedLines() > 0) {
                output().notice("legnext: skipped " + snapshot.skippedLines() + " unreadable line(s) in "
                        + journal.file() + " (a write cut short by a kill leaves one; it is harmless).");
            }
            output().journal(snapshot.entries().stream()
                    .filter(e -> !unfinished || !e.isFinished())
                    .collect(Collectors.toList()));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "resume",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            sortOptions = false,
            description = {
                "Wait for every journaled job that has not been seen to end, all at"
                        + " once, printing each as it finishes.",
                "Only jobs submitted to the current service are resumed. Exits with the code of the first job that"
                        + " did not complete."
            })
    static final class Resume extends CliCommand {

        @Option(names = "--download", paramLabel = "DIR", description = "Save each completed job's results into DIR.")
        Path download;

        @Mixin
        WaitOptionsMixin waitOptions;

        @Mixin
        DownloadOptionsMixin downloadOptions;

        @Override
        int execute() throws InterruptedException {
            waitOptions.options(null);
            CliServices s = services();
            FileJobJournal journal = s.journal();
            List<JournalEntry> unfinished =
                    journal.entries().stream().filter(e -> !e.isFinished()).toList();
            List<JournalEntry> mine = unfinished.stream()
                    .filter(e -> e.service().equals(journal.service()))
                    .toList();
            Map<String, Long> elsewhere = unfinished.stream()
                    .filter(e -> !e.service().equals(journal.service()))
                    .collect(Collectors.groupingBy(JournalEntry::service, LinkedHashMap::new, Collectors.counting()));
            elsewhere.forEach((service, n) -> output().notice("legnext: skipping " + n + " unfinished job"
                    + (n == 1 ? "" : "s") + " submitted to " + service + "; resume "
                    + (n == 1 ? "it" : "them") + " with "
                    + (service.equals("fake") ? "--adapter fake" : "--adapter http --base-url " + service) + "."));
            if (mine.isEmpty()) {
                output().notice("legnext: nothing to resume: every job journaled for " + journal.service()
                        + " has been seen to end.");
                return ExitCodes.OK;
            }
            output().notice("legnext: resuming " + mine.size() + " job" + (mine.size() == 1 ? "" : "s") + "...");
            BlockingQueue<Map.Entry<JobId, CompletableFuture<Job>>> done = new LinkedBlockingQueue<>();
            List<CompletableFuture<Job>> futures = new ArrayList<>();
            int exit = ExitCodes.OK;
            try (ProgressDisplay progress = output().progress(true)) {
                for (JournalEntry e : mine) {
                    JobId id = e.submitted().id();
                    root().context().inFlight().waiting(id, true, s.isFake());
                    CompletableFuture<Job> f = s.legnext().waitFor(id, waitOptions.options(progress));
                    futures.add(f);
                    f.whenComplete((job, failure) -> done.add(Map.entry(id, f)));
                }
                for (int i = 0; i < mine.size(); i++) {
                    Map.Entry<JobId, CompletableFuture<Job>> next = done.take();
                    int code = finish(next.getKey(), next.getValue(), s);
                    root().context().inFlight().doneWaiting(next.getKey());
                    if (exit == ExitCodes.OK) {
                        exit = code;
                    }
                }
            } finally {
                futures.forEach(f -> f.cancel(true));
                mine.forEach(e ->
                        root().context().inFlight().doneWaiting(e.submitted().id()));
            }
            compactIfUntidy(journal);
            return exit;
        }

        private int finish(JobId id, CompletableFuture<Job> future, CliServices s) {
            try {
                Job job = future.join();
                recordOutcome(job);
                List<SavedFile> files = download != null ? download(job, download, downloadOptions) : List.of();
                output().job(job, files);
                return ExitCodes.OK;
            } catch (RuntimeException failure) {
                Throwable e = ExitCodes.unwrap(failure);
                if (e instanceof JobFailedException f) {
                    recordOutcome(f.job());
                    output().job(f.job(), List.of());
                } else if (e instanceof WaitTimedOutException t) {
                    output().job(t.lastKnown(), List.of());
                } else if (e instanceof NotFoundException) {
                    s.journal().recordGone(id, e.getMessage());
                    output().error("legnext: job " + id + " is unknown to "
                            + s.journal().service()
                            + (s.isFake()
                                    ? " (the fake forgets jobs as they expire, and all on legnext fake reset)"
                                    : " (job lookups may expire after some days)")
                            + "; it is marked gone and will not be resumed again.");
                    return ExitCodes.of(e);
                }
                output().error("legnext: job " + id + ": " + e.getMessage());
                return ExitCodes.of(e);
            }
        }

        private void compactIfUntidy(FileJobJournal journal) {
            try {
                FileJobJournal.Snapshot snapshot = journal.read();
                int tidy = snapshot.entries().size()
                        + (int) snapshot.entries().stream()
                                .filter(JournalEntry::isFinished)
                                .count();
                if (snapshot.lines() > tidy) {
                    journal.compact();
                }
            } catch (RuntimeException e) {
                output().notice("legnext: warning: " + e.getMessage());
            }
        }
    }
}
