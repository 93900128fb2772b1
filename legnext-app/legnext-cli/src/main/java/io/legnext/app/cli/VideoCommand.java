package io.legnext.app.cli;

import io.legnext.app.IoFailures;
import io.legnext.app.Legnext;
import io.legnext.app.download.SavedFile;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.VariantIndex;
import io.legnext.core.journal.JobNotJournaledException;
import io.legnext.core.request.AnimateImage;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.ImageToVideo;
import io.legnext.core.request.Prompt;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.request.VideoQuality;
import io.legnext.core.url.CallbackUrl;
import io.legnext.core.url.ImageUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code legnext video ...}: the four submits. */
@Command(
        name = "video",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Generate, animate, extend and upscale videos (each submit costs points).",
        subcommands = {
            VideoCommand.Generate.class,
            VideoCommand.Animate.class,
            VideoCommand.Extend.class,
            VideoCommand.Upscale.class
        })
final class VideoCommand extends CliCommand {

    @Override
    int execute() {
        throw new CliUsageException(
                "say which: legnext video generate|animate|extend|upscale (see legnext video" + " --help)");
    }

    /** What every submit shares: callback, waiting, downloading. */
    abstract static class Submit extends CliCommand {

        @Option(
                names = "--callback",
                paramLabel = "URL",
                description = "The service POSTs the finished job here (see legnext webhook serve); the fake"
                        + " adapter really POSTs to it too.")
        String callback;

        @Option(names = "--wait", description = "Wait for the job to finish and print its results.")
        boolean wait;

        @Option(
                names = "--download",
                paramLabel = "DIR",
                description = "Wait, then save the results into DIR (implies --wait).")
        Path download;

        @Mixin
        WaitOptionsMixin waitOptions;

        @Mixin
        DownloadOptionsMixin downloadOptions;

        /** Sends the request; nothing is sent when a value is invalid. */
        abstract Job submit(Legnext legnext);

        Optional<CallbackUrl> callbackUrl() {
            return Optional.ofNullable(callback).map(CallbackUrl::parse);
        }

        @Override
        final int execute() throws InterruptedException {
            // Check the wait flags and the download directory before anything is sent: a typo must not cost a job.
            waitOptions.options(null);
            if (download != null) {
                prepareDownloadDirectory(download);
            }
            CliServices s = services();
            // Until the submit's answer is in the journal, an interrupt would lose the job silently: say so then.
            try (InFlight.Submit inFlight = root().context().inFlight().submitting(spec.qualifiedName(), s.isFake())) {
                Job accepted;
                try {
                    accepted = submit(s.legnext());
                } catch (JobNotJournaledException e) {
                    // The job exists and is charged: its id goes to stdout like any result, so that a script
                    // keeps it instead of submitting again.
                    inFlight.accepted(e.job().id(), false);
                    output().submitted(e.job());
                    output().error("legnext: " + e.getMessage() + " Follow it with: legnext job wait "
                            + e.job().id());
                    return ExitCodes.OTHER;
                }
                inFlight.accepted(accepted.id());
                if (!wait && download == null) {
                    output().submitted(accepted);
                    return ExitCodes.OK;
                }
                output().notice("legnext: job " + accepted.id() + " accepted (" + accepted.taskType()
                        + "); waiting...");
                Job done = await(accepted, waitOptions);
                List<SavedFile> files = download != null ? download(done, download, downloadOptions) : List.of();
                output().job(done, files);
                return ExitCodes.OK;
            }
        }

        /**
         * Creates the download directory and checks that it is a writable directory, before the paid submit.
         *
         * @throws CliUsageException when it cannot be: nothing was sent
         */
        static void prepareDownloadDirectory(Path dir) {
            try {
                Files.createDirectories(dir);
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                throw new CliUsageException("'--download' must be a directory that can be created and written, was '"
                        + dir + "': " + IoFailures.directory(dir, e) + ". Nothing was sent.");
            }
            if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
                throw new CliUsageException(
                        "'--download' must be a writable directory, was '" + dir + "'. Nothing was sent.");
            }
        }
    }

    @Command(
            name = "generate",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            sortOptions = false,
            description = {
                "Start four videos from a prompt, which may begin with a public image URL:",
                "  legnext video generate --prompt \"https://example.com/cat.jpg a cat walks\" --wait",
                "Text alone is allowed by one vendor document and not by the API reference: the service may refuse"
                        + " it; then give an image URL."
            })
    static final class Generate extends Submit {

        @Option(
                names = "--prompt",
                paramLabel = "TEXT",
                description = "What happens (1-8192 characters; may start with an image URL, may carry --motion"
                        + " low|high, --raw, --end URL).")
        String prompt;

        @Option(names = "--image-url", paramLabel = "URL", description = "A public image to animate.")
        String imageUrl;

        @Option(
                names = "--quality",
                paramLabel = "480p|720p",
                description = "Resolution (default 480p; 720p is slower).")
        String quality;

        @Override
        Job submit(Legnext legnext) {
            VideoQuality q = quality == null ? VideoQuality.DEFAULT : VideoQuality.parse(quality);
            Optional<CallbackUrl> cb = callbackUrl();
            if (imageUrl != null) {
                return legnext.generate(new ImageToVideo(
                        ImageUrl.parse(imageUrl),
                        Optional.ofNullable(prompt).filter(p -> !p.isBlank()).map(Prompt::of),
                        q,
                        cb));
            }
            if (prompt == null) {
                throw new CliUsageException("'--prompt' is required (or '--image-url'). Nothing was sent.");
            }
            return legnext.generate(new TextToVideo(Prompt.of(prompt), q, cb));
        }
    }

    @Command(
            name = "animate",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            sortOptions = false,
            description = "Start four videos animating one image of a completed image job.")
    static final class Animate extends Submit {

        @Option(names = "--job", required = true, paramLabel = "ID", description = "The completed image job.")
        String job;

        @Option(names = "--image", required = true, paramLabel = "N", description = "Which of its images, 0-3.")
        int image;

        @Option(names = "--prompt", paramLabel = "TEXT", description = "What happens in it.")
        String prompt;

        @Option(names = "--quality", paramLabel = "480p|720p", description = "Resolution (default 480p).")
        String quality;

        @Override
        Job submit(Legnext legnext) {
            return legnext.animate(new AnimateImage(
                    JobId.parse("--job", job),
                    VariantIndex.of("--image", image),
                    Optional.ofNullable(prompt).map(Prompt::of),
                    quality == null ? VideoQuality.DEFAULT : VideoQuality.parse(quality),
                    callbackUrl()));
        }
    }

    @Command(
            name = "extend",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            sortOptions = false,
            description = {
                "Extend one video of a completed video job by 4 seconds (four new" + " videos).",
                "A video lineage takes at most 4 extensions (20 s); the journal counts them."
            })
    static final class Extend extends Submit {

        @Option(names = "--job", required = true, paramLabel = "ID", description = "The completed video job.")
        String job;

        @Option(names = "--video", required = true, paramLabel = "N", description = "Which of its videos, 0-3.")
        int video;

        @Option(names = "--prompt", paramLabel = "TEXT", description = "How the video goes on.")
        String prompt;

        @Override
        Job submit(Legnext legnext) {
            return legnext.extend(new ExtendVideo(
                    JobId.parse("--job", job),
                    VariantIndex.of("--video", video),
                    Optional.ofNullable(prompt).map(Prompt::of),
                    callbackUrl()));
        }
    }

    @Command(
            name = "upscale",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            sortOptions = false,
            description =
                    "Upscale one video of a completed video job (cannot be undone:" + " upscale your final pick).")
    static final class Upscale extends Submit {

        @Option(names = "--job", required = true, paramLabel = "ID", description = "The completed video job.")
        String job;

        @Option(names = "--video", required = true, paramLabel = "N", description = "Which of its videos, 0-3.")
        int video;

        @Override
        Job submit(Legnext legnext) {
            return legnext.upscale(
                    new UpscaleVideo(JobId.parse("--job", job), VariantIndex.of("--video", video), callbackUrl()));
        }
    }
}
