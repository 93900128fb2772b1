package io.legnext.app.cli;

import io.legnext.app.download.SavedFile;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.wait.JobFailedException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code legnext job ...}: one job by id. */
@Command(
        name = "job",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Look up, wait for or download one job by id.",
        subcommands = {JobCommand.Get.class, JobCommand.Wait.class, JobCommand.Download.class})
final class JobCommand extends CliCommand {

    @Override
    int execute() {
        throw new CliUsageException("say which: legnext job get|wait|download ID (see legnext job --help)");
    }

    @Command(
            name = "get",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {"Print a job as the service sees it now.", "Exits 4 when the job failed."})
    static final class Get extends CliCommand {

        @Parameters(paramLabel = "ID", description = "The job id (a UUID).")
        String id;

        @Override
        int execute() {
            Job job = services().legnext().getJob(JobId.parse("ID", id));
            recordOutcome(job);
            output().job(job, List.of());
            if (job.isFailed()) {
                throw new JobFailedException(job);
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "wait",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            sortOptions = false,
            description = "Wait for a job to finish and print it; works for any job id.")
    static final class Wait extends CliCommand {

        @Parameters(paramLabel = "ID", description = "The job id (a UUID).")
        String id;

        @Option(names = "--download", paramLabel = "DIR", description = "Then save the results into DIR.")
        Path download;

        @Mixin
        WaitOptionsMixin waitOptions;

        @Mixin
        DownloadOptionsMixin downloadOptions;

        @Override
        int execute() throws InterruptedException {
            JobId jobId = JobId.parse("ID", id);
            waitOptions.options(null);
            Job done = await(jobId, waitOptions);
            List<SavedFile> files = download != null ? download(done, download, downloadOptions) : List.of();
            output().job(done, files);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "download",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            sortOptions = false,
            description = {
                "Save a completed job's results into a directory, in parallel.",
                "Files are named <job id>_<n>.mp4; an identical file is left alone, a different one is never"
                        + " overwritten."
            })
    static final class Download extends CliCommand {

        @Parameters(paramLabel = "ID", description = "The job id (a UUID).")
        String id;

        @Option(names = "--to", required = true, paramLabel = "DIR", description = "Where to save the files.")
        Path to;

        @Option(names = "--wait", description = "Wait for the job first if it has not finished.")
        boolean wait;

        @Mixin
        WaitOptionsMixin waitOptions;

        @Mixin
        DownloadOptionsMixin downloadOptions;

        @Override
        int execute() throws InterruptedException {
            JobId jobId = JobId.parse("ID", id);
            waitOptions.options(null);
            Job job = services().legnext().getJob(jobId);
            if (!job.isTerminal() && wait) {
                job = await(jobId, waitOptions);
            }
            recordOutcome(job);
            if (job.isFailed()) {
                output().job(job, List.of());
                throw new JobFailedException(job);
            }
            if (!job.isCompleted()) {
                throw new CliStateException("Job " + job.id() + " is " + job.status() + ": nothing to download yet."
                        + " Add --wait, or run: legnext job wait " + job.id() + " --download " + to);
            }
            output().job(job, download(job, to, downloadOptions));
            return ExitCodes.OK;
        }
    }
}
