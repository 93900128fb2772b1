package io.legnext.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.legnext.app.journal.FileJobJournal;
import io.legnext.app.journal.JournalEntry;
import io.legnext.core.job.JobId;
import io.legnext.core.job.TaskType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command on the fake adapter, in virtual time: outputs, options and exit codes. */
class FakeCommandsTest extends OnTheFake {

    FileJobJournal journal() {
        return new FileJobJournal(home, "fake", Clock.systemUTC());
    }

    String completedVideoJob() {
        CliHarness.Result r = cli.run("video", "generate", "--prompt", CAT, "--wait", "--json");
        assertThat(r.exit()).as(r.toString()).isZero();
        return r.json().get("jobId").asText();
    }

    /** The shared fake, with a download source whose every fetch fails. */
    static CliServices.Factory failingDownloads() {
        CliServices.Factory base = world.factory();
        return (settings, notices) -> {
            CliServices s = base.open(settings, notices);
            return new CliServices(
                    s.legnext(),
                    s.journal(),
                    url -> {
                        throw new java.io.IOException("Cannot fetch "
                                + io.legnext.app.download.DownloadSource.redact(url) + ": connection reset by the CDN");
                    },
                    settings,
                    s);
        };
    }

    @Nested
    class Generate {

        @Test
        void theReadmeCommandPrintsFourVideoUrlsAndAnnouncesTheFake() {
            CliHarness.Result r = cli.run("video", "generate", "--prompt", CAT, "--wait");

            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.outLines())
                    .filteredOn(l -> l.matches("\\s+video [0-3]\\s+https://cdn\\.legnext\\.ai/.*"))
                    .hasSize(4);
            assertThat(r.out()).contains("completed");
            assertThat(r.err()).containsOnlyOnce("using the fake adapter");
        }

        @Test
        void jsonPrintsOneObjectWithTheDocumentedFields() {
            JsonNode job = cli.run("video", "generate", "--prompt", CAT, "--wait", "--json")
                    .json();

            assertThat(job.fieldNames())
                    .toIterable()
                    .contains(
                            "jobId",
                            "taskType",
                            "status",
                            "videoUrls",
                            "imageUrls",
                            "seed",
                            "availableActions",
                            "usage",
                            "createdAt",
                            "startedAt",
                            "endedAt",
                            "error");
            assertThat(job.get("taskType").asText()).isEqualTo("video_diffusion");
            assertThat(job.get("status").asText()).isEqualTo("completed");
            assertThat(job.get("videoUrls")).hasSize(4);
            assertThat(job.get("imageUrls")).isEmpty();
            assertThat(job.get("seed").isTextual()).isTrue();
            assertThat(job.get("availableActions").get("extend")).hasSize(4);
            assertThat(job.get("usage").get("frozen").asLong()).isEqualTo(480);
            assertThat(job.get("usage").get("consumed").asLong()).isEqualTo(480);
            assertThat(job.get("endedAt").asText()).isNotEmpty();
            assertThat(job.get("error").isNull()).isTrue();
        }

        @Test
        void withoutWaitReportsTheAcceptedJobAndJournalsItFirst() {
            CliHarness.Result r = cli.run("video", "generate", "--prompt", "a lighthouse at dusk", "--json");

            assertThat(r.exit()).isZero();
            JsonNode job = r.json();
            assertThat(job.get("status").asText()).isEqualTo("pending");
            assertThat(job.get("videoUrls")).isEmpty();
            JobId id = JobId.parse(job.get("jobId").asText());
            assertThat(journal().find(id)).hasValueSatisfying(s -> {
                assertThat(s.taskType().kind()).isEqualTo(TaskType.Kind.VIDEO_DIFFUSION);
                assertThat(s.source()).isEmpty();
            });
        }

        @Test
        void humanOutputWithoutWaitTellsHowToFollowTheJob() {
            CliHarness.Result r = cli.run("video", "generate", "--prompt", "a lighthouse");

            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("Submitted job ").contains("legnext job wait ");
        }

        @Test
        void globalOptionsWorkBeforeAndAfterTheSubcommand() {
            CliHarness.Result before = cli.run("--json", "--quiet", "video", "generate", "--prompt", CAT);
            CliHarness.Result after = cli.run("video", "generate", "--prompt", CAT, "--json", "--quiet");

            assertThat(before.json().get("status").asText()).isEqualTo("pending");
            assertThat(after.json().get("status").asText()).isEqualTo("pending");
            assertThat(before.err()).isEmpty();
        }

        @Test
        void quietPrintsTheIdAloneAndAfterAWaitTheUrlsAlone() {
            CliHarness.Result submitted = cli.run("-q", "video", "generate", "--prompt", CAT);
            CliHarness.Result waited = cli.run("video", "generate", "--prompt", CAT, "--wait", "--quiet");

            assertThat(submitted.outLines()).singleElement().satisfies(l -> JobId.parse(l));
            assertThat(submitted.err()).isEmpty();
            assertThat(waited.outLines()).hasSize(4).allMatch(l -> l.startsWith("https://cdn.legnext.ai/"));
        }

        @Test
        void takesAnImageUrlQualityAndCallback() {
            CliHarness.Result r = cli.run(
                    "video",
                    "generate",
                    "--image-url",
                    "https://example.com/cat.jpg",
                    "--prompt",
                    "a cat walks --motion high",
                    "--quality",
                    "720p",
                    "--callback",
                    "https://hooks.example.com/legnext",
                    "--json");

            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.json().get("callback").asText()).isEqualTo("https://hooks.example.com/legnext");
        }

        @Test
        void downloadImpliesWaitAndReportsThePaths() throws Exception {
            Path dir = home.resolve("videos");
            CliHarness.Result r = cli.run("video", "generate", "--prompt", CAT, "--download", dir.toString(), "--json");

            assertThat(r.exit()).as(r.toString()).isZero();
            JsonNode job = r.json();
            assertThat(job.get("files")).hasSize(4);
            for (JsonNode f : job.get("files")) {
                assertThat(Path.of(f.asText())).exists().hasParent(dir);
            }
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files)
                        .hasSize(4)
                        .allMatch(p -> p.getFileName()
                                .toString()
                                .startsWith(job.get("jobId").asText() + "_"));
            }
        }

        @Test
        void aDownloadDirectoryThatIsAFileIsRefusedBeforeAnythingIsSent() throws Exception {
            Path file = Files.writeString(home.resolve("not-a-directory"), "x");
            int jobs = world.fake.jobCount();

            CliHarness.Result r = cli.run("video", "generate", "--prompt", CAT, "--download", file.toString());

            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("--download").contains("Nothing was sent");
            assertThat(r.out()).isEmpty();
            assertThat(world.fake.jobCount()).isEqualTo(jobs);
            assertThat(file).hasContent("x");
        }

        @Test
        void aMissingDownloadDirectoryIsCreatedBeforeTheSubmit() {
            Path dir = home.resolve("new").resolve("videos");
            world.fake.refuseNextSubmitForContent();

            CliHarness.Result r = cli.run("video", "generate", "--prompt", CAT, "--download", dir.toString());

            assertThat(r.exit()).isEqualTo(ExitCodes.REJECTED);
            assertThat(dir).isDirectory();
        }

        @Test
        void aFailedDownloadStillPrintsTheCompletedJobFirst() {
            cli.services = failingDownloads();

            CliHarness.Result r = cli.run(
                    "video",
                    "generate",
                    "--prompt",
                    CAT,
                    "--download",
                    home.resolve("v").toString(),
                    "--json");

            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
            JsonNode job = r.json();
            assertThat(job.get("status").asText()).isEqualTo("completed");
            assertThat(job.get("videoUrls")).hasSize(4);
            assertThat(r.err()).contains("connection reset by the CDN");
        }

        @Test
        void progressGoesToStderrOnlyWhenItIsATerminal() {
            cli.terminal = true;
            CliHarness.Result shown = cli.run("video", "generate", "--prompt", CAT, "--wait", "--poll-interval", "5s");
            cli.terminal = false;
            CliHarness.Result hidden = cli.run("video", "generate", "--prompt", CAT, "--wait", "--poll-interval", "5s");

            assertThat(shown.err()).contains("elapsed");
            assertThat(shown.out()).doesNotContain("elapsed");
            assertThat(hidden.err()).doesNotContain("elapsed");
        }
    }

    @Nested
    class FollowUps {

        @Test
        void animateUsesAnImageOfACompletedImageJobAndJournalsTheSource() {
            JobId image = world.fake.seedCompletedImageJob();

            CliHarness.Result r = cli.run(
                    "video",
                    "animate",
                    "--job",
                    image.toString(),
                    "--image",
                    "2",
                    "--prompt",
                    "the sky moves",
                    "--quality",
                    "480p",
                    "--wait",
                    "--json");

            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.json().get("videoUrls")).hasSize(4);
            JobId id = JobId.parse(r.json().get("jobId").asText());
            assertThat(journal().find(id)).hasValueSatisfying(s -> {
                assertThat(s.source()).contains(image);
                assertThat(s.index().orElseThrow().value()).isEqualTo(2);
            });
        }

        @Test
        void upscaleAndExtendFollowACompletedVideo() {
            String video = completedVideoJob();

            CliHarness.Result up = cli.run("video", "upscale", "--job", video, "--video", "1", "--wait", "--json");
            CliHarness.Result ext = cli.run(
                    "video",
                    "extend",
                    "--job",
                    video,
                    "--video",
                    "3",
                    "--prompt",
                    "it turns around",
                    "--wait",
                    "--json");

            assertThat(up.exit()).as(up.toString()).isZero();
            assertThat(up.json().get("taskType").asText()).isEqualTo("video_upscale");
            assertThat(ext.exit()).as(ext.toString()).isZero();
            assertThat(ext.json().get("taskType").asText()).isEqualTo("extend_video");
            assertThat(journal()
                            .find(JobId.parse(ext.json().get("jobId").asText()))
                            .orElseThrow()
                            .extensions())
                    .isEqualTo(1);
        }

        @Test
        void theJournalLetsTheCoreRefuseTheFifthExtensionBeforeSendingIt() {
            String job = completedVideoJob();
            for (int i = 1; i <= 4; i++) {
                CliHarness.Result r = cli.run("video", "extend", "--job", job, "--video", "0", "--wait", "--json");
                assertThat(r.exit()).as(r.toString()).isZero();
                job = r.json().get("jobId").asText();
            }
            int jobsBefore = world.fake.jobCount();

            CliHarness.Result fifth = cli.run("video", "extend", "--job", job, "--video", "0");

            assertThat(fifth.exit()).as(fifth.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(fifth.err()).contains("Nothing was sent");
            assertThat(world.fake.jobCount()).isEqualTo(jobsBefore);
            assertThat(journal().find(JobId.parse(job)).orElseThrow().extensions())
                    .isEqualTo(4);
        }
    }

    @Nested
    class JobCommands {

        @Test
        void getPrintsAJobAsItStandsNow() {
            String id = cli.run("-q", "video", "generate", "--prompt", CAT)
                    .outLines()
                    .get(0);

            CliHarness.Result r = cli.run("job", "get", id, "--json");

            assertThat(r.exit()).isZero();
            assertThat(r.json().get("jobId").asText()).isEqualTo(id);
            // No time passes between two commands: the job is as it was accepted.
            assertThat(r.json().get("status").asText()).isEqualTo("pending");
        }

        @Test
        void getOfAFailedJobPrintsItsErrorAndExitsFour() {
            world.fake.failNextJob(500, "upstream render failed");
            String id = cli.run("-q", "video", "generate", "--prompt", CAT)
                    .outLines()
                    .get(0);
            cli.run("job", "wait", id, "--poll-interval", "5s");

            CliHarness.Result r = cli.run("job", "get", id, "--json");

            assertThat(r.exit()).isEqualTo(ExitCodes.JOB_FAILED);
            assertThat(r.json().get("error").get("code").asInt()).isEqualTo(500);
            assertThat(r.json().get("error").get("message").asText()).isEqualTo("upstream render failed");
        }

        @Test
        void getOfAnUnknownJobIsARejectionWithAHintAboutTheFake() {
            CliHarness.Result r = cli.run("job", "get", JobId.random().toString());

            assertThat(r.exit()).isEqualTo(ExitCodes.REJECTED);
            assertThat(r.err()).contains("the fake adapter keeps its jobs in").contains("until legnext fake reset");
        }

        @Test
        void waitPrintsTheCompletedJobAndRecordsItInTheJournal() {
            String id = cli.run("-q", "video", "generate", "--prompt", CAT)
                    .outLines()
                    .get(0);

            CliHarness.Result r = cli.run("--json", "job", "wait", id, "--poll-interval", "PT5S", "--timeout", "10m");

            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.json().get("videoUrls")).hasSize(4);
            assertThat(journal().entry(JobId.parse(id)).orElseThrow().status()).isEqualTo("completed");
        }

        @Test
        void aWaitThatTimesOutExitsFiveAndPrintsTheJobAsLastSeen() {
            String id = cli.run("-q", "video", "generate", "--prompt", CAT)
                    .outLines()
                    .get(0);

            CliHarness.Result r = cli.run("job", "wait", id, "--timeout", "25s", "--poll-interval", "5s", "--json");

            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.TIMED_OUT);
            // Last looked at 25 s after its submit, in its second 20-second state.
            assertThat(r.json().get("status").asText()).isEqualTo("staged");
            assertThat(r.err()).contains("legnext job wait " + id);
            assertThat(r.err().lines()).hasSizeLessThanOrEqualTo(3);
        }

        @Test
        void aJobThatFailsWhileWaitedForExitsFour() {
            world.fake.failNextJob(1001, "sensitive content detected");

            CliHarness.Result r = cli.run("video", "generate", "--prompt", CAT, "--wait", "--json");

            assertThat(r.exit()).isEqualTo(ExitCodes.JOB_FAILED);
            assertThat(r.json().get("status").asText()).isEqualTo("failed");
            assertThat(r.err()).contains("sensitive content detected").doesNotContain("\tat ");
            assertThat(journal()
                            .entry(JobId.parse(r.json().get("jobId").asText()))
                            .orElseThrow()
                            .status())
                    .isEqualTo("failed");
        }

        @Test
        void downloadSavesEveryVideoAndLeavesIdenticalFilesAlone() {
            String id = completedVideoJob();
            Path dir = home.resolve("out");

            CliHarness.Result first = cli.run("job", "download", id, "--to", dir.toString());
            CliHarness.Result again = cli.run("job", "download", id, "--to", dir.toString(), "--quiet");

            assertThat(first.exit()).as(first.toString()).isZero();
            assertThat(first.outLines()).filteredOn(l -> l.contains("saved")).hasSize(4);
            assertThat(again.exit()).isZero();
            assertThat(again.outLines()).hasSize(4).allMatch(l -> l.startsWith(dir.toString()));
        }

        @Test
        void downloadRefusesToOverwriteADifferentFile() throws Exception {
            String id = completedVideoJob();
            Path dir = Files.createDirectories(home.resolve("out"));
            Files.writeString(dir.resolve(id + "_2.mp4"), "my own video");

            CliHarness.Result r = cli.run("job", "download", id, "--to", dir.toString());

            assertThat(r.exit()).isEqualTo(ExitCodes.OTHER);
            assertThat(r.err()).contains("Refusing to overwrite").contains(id + "_2.mp4");
            assertThat(dir.resolve(id + "_2.mp4")).hasContent("my own video");
            assertThat(dir.resolve(id + "_0.mp4")).exists();
        }

        @Test
        void downloadOfAnUnfinishedJobSaysToWaitUnlessToldTo() {
            String id = cli.run("-q", "video", "generate", "--prompt", CAT)
                    .outLines()
                    .get(0);
            Path dir = home.resolve("out");

            CliHarness.Result early = cli.run("job", "download", id, "--to", dir.toString());
            CliHarness.Result waited = cli.run("job", "download", id, "--to", dir.toString(), "--wait", "--quiet");

            assertThat(early.exit()).isEqualTo(ExitCodes.OTHER);
            assertThat(early.err()).contains("nothing to download yet").doesNotContain("--verbose");
            assertThat(waited.exit()).as(waited.toString()).isZero();
            assertThat(waited.outLines()).hasSize(4);
        }

        @Test
        void aFailedDownloadAfterAWaitPrintsTheJobInHumanFormToo() {
            String id = cli.run("-q", "video", "generate", "--prompt", CAT)
                    .outLines()
                    .get(0);
            cli.services = failingDownloads();

            CliHarness.Result r =
                    cli.run("job", "wait", id, "--download", home.resolve("w").toString());

            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(r.out()).contains("Job " + id).contains("completed").contains("video 3");
            assertThat(r.err()).contains("connection reset by the CDN");
        }

        @Test
        void waitCanDownloadToo() {
            String id = cli.run("-q", "video", "generate", "--prompt", CAT)
                    .outLines()
                    .get(0);

            CliHarness.Result r =
                    cli.run("job", "wait", id, "--download", home.resolve("w").toString(), "-q");

            assertThat(r.exit()).isZero();
            assertThat(r.outLines()).hasSize(4);
        }
    }

    @Nested
    class Journal {

        @Test
        void listShowsWhatThisMachineSubmitted() {
            String done = completedVideoJob();
            String running = cli.run("-q", "video", "generate", "--prompt", CAT)
                    .outLines()
                    .get(0);

            CliHarness.Result human = cli.run("jobs", "list");
            List<JsonNode> json = cli.run("jobs", "list", "--json").jsonLines();
            CliHarness.Result unfinished = cli.run("jobs", "list", "--unfinished", "-q");

            assertThat(human.out())
                    .contains(done)
                    .contains(running)
                    .contains("completed")
                    .contains("unfinished");
            assertThat(json).hasSize(2);
            assertThat(json.get(0).get("jobId").asText()).isEqualTo(done);
            assertThat(json.get(0).get("videoUrls")).hasSize(4);
            assertThat(json.get(1).get("status").asText()).isEqualTo("unfinished");
            assertThat(json.get(1).get("service").asText()).isEqualTo("fake");
            assertThat(unfinished.outLines()).containsExactly(running);
        }

        @Test
        void listOfAnEmptyJournalSaysSo() {
            CliHarness.Result r = cli.run("jobs", "list");

            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("journal is empty");
        }

        @Test
        void resumeWaitsForEveryUnfinishedJobOnce() {
            String a = cli.run("-q", "video", "generate", "--prompt", CAT)
                    .outLines()
                    .get(0);
            String b = cli.run("-q", "video", "generate", "--prompt", "a dog runs")
                    .outLines()
                    .get(0);

            CliHarness.Result r = cli.run("jobs", "resume", "--json", "--poll-interval", "5s");
            CliHarness.Result again = cli.run("jobs", "resume");

            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.jsonLines()).extracting(j -> j.get("jobId").asText()).containsExactlyInAnyOrder(a, b);
            assertThat(r.jsonLines())
                    .allSatisfy(j -> assertThat(j.get("videoUrls")).hasSize(4));
            assertThat(again.exit()).isZero();
            assertThat(again.out()).isEmpty();
            assertThat(again.err()).contains("nothing to resume");
        }

        @Test
        void resumeMarksJobsTheServiceForgotAsGone() {
            FileJobJournal other = journal();
            JobId lost = JobId.random();
            other.record(new io.legnext.core.journal.SubmittedJob(
                    lost, TaskType.of(TaskType.Kind.VIDEO_DIFFUSION), null, null, 0, java.time.Instant.now()));

            CliHarness.Result r = cli.run("jobs", "resume");

            assertThat(r.exit()).isEqualTo(ExitCodes.REJECTED);
            assertThat(r.err()).contains(lost.toString()).contains("marked gone");
            assertThat(journal().entry(lost).map(JournalEntry::status)).contains("gone");
            assertThat(cli.run("jobs", "resume").exit()).isZero();
        }

        @Test
        void resumeLeavesJobsOfAnotherServiceAlone() {
            FileJobJournal http = new FileJobJournal(home, "https://api.legnext.ai", Clock.systemUTC());
            http.record(new io.legnext.core.journal.SubmittedJob(
                    JobId.random(),
                    TaskType.of(TaskType.Kind.VIDEO_DIFFUSION),
                    null,
                    null,
                    0,
                    java.time.Instant.now()));

            CliHarness.Result r = cli.run("jobs", "resume");

            assertThat(r.exit()).isZero();
            assertThat(r.err()).contains("skipping 1 unfinished job submitted to https://api.legnext.ai");
        }
    }

    @Nested
    class Balance {

        @Test
        void printsDollarsPointsAndCredits() {
            CliHarness.Result human = cli.run("balance");
            JsonNode json = cli.run("balance", "--json").json();
            CliHarness.Result quiet = cli.run("balance", "-q");

            assertThat(human.out()).contains("$100.000").contains("100000 points");
            assertThat(json.get("balanceUsd").decimalValue()).isEqualByComparingTo("100");
            assertThat(json.get("availablePoints").asLong()).isEqualTo(100_000);
            assertThat(quiet.outLines()).containsExactly("100.000");
        }
    }

    @Nested
    class ExitCodesAndErrors {

        static Stream<Arguments> usageErrors() {
            return Stream.of(
                    Arguments.of((Object) new String[] {"video", "generate", "--prompt", CAT, "--quality", "1080p"}),
                    Arguments.of((Object) new String[] {"video", "generate", "--wait"}),
                    Arguments.of((Object) new String[] {"video", "generate", "--prompt", " "}),
                    Arguments.of((Object) new String[] {"video", "generate", "--prompt", CAT, "--callback", "ftp://x"}),
                    Arguments.of((Object) new String[] {"video", "generate", "--prompt", CAT, "--timeout", "soon"}),
                    Arguments.of(
                            (Object) new String[] {"video", "generate", "--prompt", CAT, "--poll-interval", "10ms"}),
                    Arguments.of(
                            (Object) new String[] {"video", "generate", "--prompt", CAT, "--image-url", "cat.jpg"}),
                    Arguments.of((Object) new String[] {"video", "generate", "--prompt", CAT, "--api-key", "k"}),
                    Arguments.of((Object) new String[] {"video", "extend", "--job", "not-a-uuid", "--video", "0"}),
                    Arguments.of((Object) new String[] {
                        "video", "upscale", "--job", JobId.random().toString(), "--video", "4"
                    }),
                    Arguments.of((Object) new String[] {
                        "video", "animate", "--job", JobId.random().toString()
                    }),
                    Arguments.of((Object) new String[] {"job", "get", "42"}),
                    Arguments.of((Object) new String[] {"job", "wait"}),
                    Arguments.of((Object) new String[] {"--adapter", "grpc", "balance"}),
                    Arguments.of((Object) new String[] {"frobnicate"}),
                    Arguments.of((Object) new String[] {}),
                    Arguments.of((Object) new String[] {"video"}));
        }

        @ParameterizedTest
        @MethodSource("usageErrors")
        void invalidInputExitsTwoWithAShortMessageAndSendsNothing(String[] args) {
            int jobs = world.fake.jobCount();

            CliHarness.Result r = cli.run(args);

            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("legnext").doesNotContain("\tat ");
            assertThat(r.out()).isEmpty();
            assertThat(world.fake.jobCount()).isEqualTo(jobs);
        }

        @Test
        void theHttpAdapterWithoutAKeyIsAUsageError() {
            CliHarness plain = new CliHarness(home);

            CliHarness.Result r = plain.run("--adapter", "http", "balance");

            assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("LEGNEXT_API_KEY").contains("--adapter fake");
        }

        @Test
        void aRefusedSubmitExitsThree() {
            world.fake.refuseNextSubmitForContent();

            CliHarness.Result r = cli.run("video", "generate", "--prompt", CAT);

            assertThat(r.exit()).isEqualTo(ExitCodes.REJECTED);
            assertThat(r.err().lines().filter(l -> !l.contains("using the fake adapter")))
                    .hasSizeBetween(1, 2);
        }

        @Test
        void tooFewPointsExitsThree() {
            world.fake.setAvailablePoints(100);

            CliHarness.Result r = cli.run("video", "generate", "--prompt", CAT);

            assertThat(r.exit()).isEqualTo(ExitCodes.REJECTED);
            assertThat(r.err()).contains("points");
        }

        @Test
        void anUnavailableServiceExitsSixAndWarnsThatTheJobMayExist() {
            world.fake.makeNextSubmitUnavailable();

            CliHarness.Result r = cli.run("video", "generate", "--prompt", CAT);

            assertThat(r.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(r.err()).contains("may have been created");
        }

        @Test
        void anUnavailableLookupExitsSix() {
            String id = cli.run("-q", "video", "generate", "--prompt", CAT)
                    .outLines()
                    .get(0);
            world.fake.makeNextLookupUnavailable();

            assertThat(cli.run("job", "get", id).exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        }

        @Test
        void verboseShowsTheStackTrace() {
            world.fake.refuseNextSubmitForContent();

            CliHarness.Result r = cli.run("video", "generate", "--prompt", CAT, "--verbose");

            assertThat(r.exit()).isEqualTo(ExitCodes.REJECTED);
            assertThat(r.err()).contains("\tat ");
        }
    }

    @Nested
    class Help {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "",
                    "video",
                    "video generate",
                    "video animate",
                    "video extend",
                    "video upscale",
                    "job",
                    "job get",
                    "job wait",
                    "job download",
                    "jobs",
                    "jobs list",
                    "jobs resume",
                    "balance",
                    "webhook",
                    "webhook serve"
                })
        void everyCommandHasHelp(String command) {
            String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");

            CliHarness.Result r = cli.run(args);

            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("Usage: legnext" + (command.isEmpty() ? "" : " " + command));
            assertThat(r.out()).contains("--json").contains("--quiet").contains("--verbose");
        }

        @Test
        void waitingCommandsTakeTimeoutAndPollInterval() {
            for (String command : List.of(
                    "video generate", "video animate", "video extend", "video upscale", "job wait", "jobs resume")) {
                assertThat(cli.run((command + " --help").split(" ")).out())
                        .as(command)
                        .contains("--timeout=DURATION")
                        .contains("--poll-interval=DURATION");
            }
        }

        @Test
        void versionIsPrinted() {
            CliHarness.Result r = cli.run("--version");

            assertThat(r.exit()).isZero();
            assertThat(r.out()).startsWith("legnext ");
        }

        @Test
        void thereIsNoApiKeyOption() {
            assertThat(cli.run("--help").out()).doesNotContain("--api-key");
        }
    }
}
