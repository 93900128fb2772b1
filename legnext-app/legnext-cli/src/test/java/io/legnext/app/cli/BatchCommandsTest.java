package io.legnext.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.legnext.app.Legnext;
import io.legnext.app.batch.FileBatchStore;
import io.legnext.app.download.GeneratedDownloadSource;
import io.legnext.app.journal.FileJobJournal;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.port.out.VideoGenerationPort;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.Prompt;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.request.VideoDiffusion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code legnext batch run} and {@code status}, in-process on the shared fake in virtual time. */
class BatchCommandsTest extends OnTheFake {

    private Submits submits;

    /**
     * Submits to the fake, counting them by prompt and measuring, at each one, how many of the batch's jobs the fake
     * itself holds unfinished: what "in flight at the service" means.
     */
    static final class Submits implements VideoGenerationPort {
        final List<String> prompts = Collections.synchronizedList(new ArrayList<>());
        final List<JobId> jobs = Collections.synchronizedList(new ArrayList<>());
        int mostInFlight;
        /** Runs after each accepted submit with the number of submits so far. */
        java.util.function.IntConsumer after = n -> {};

        @Override
        public Job generate(VideoDiffusion request) {
            synchronized (this) {
                int unfinished = (int) jobs.stream()
                        .filter(id -> !world.fake.getJob(id).isTerminal())
                        .count();
                mostInFlight = Math.max(mostInFlight, unfinished + 1);
            }
            // Counted before the call: a submit whose answer is lost reached the fake all the same.
            prompts.add(request.wirePrompt().map(Prompt::text).orElse(""));
            Job job = world.fake.generate(request);
            jobs.add(job.id());
            after.accept(prompts.size());
            return job;
        }

        @Override
        public Job extend(ExtendVideo request) {
            prompts.add("extend " + request.videoJob());
            return world.fake.extend(request);
        }

        @Override
        public Job upscale(UpscaleVideo request) {
            prompts.add("upscale " + request.videoJob());
            return world.fake.upscale(request);
        }
    }

    @BeforeEach
    void countSubmits() {
        submits = new Submits();
        cli.services = (settings, notices) -> {
            FileJobJournal journal = new FileJobJournal(
                    settings.home(), Legnext.FAKE_SERVICE, world.scheduler.clock(), settings.redactor());
            Legnext legnext = Legnext.builder()
                    .fake(world.fake)
                    .generationPort(submits)
                    .scheduler(world.scheduler)
                    .journal(journal)
                    .build();
            return new CliServices(legnext, journal, new GeneratedDownloadSource(), settings, legnext);
        };
    }

    private Path csv(int items) throws Exception {
        String rows = IntStream.rangeClosed(1, items)
                .mapToObj(i -> "k" + i + "," + CAT + " shot " + i)
                .collect(Collectors.joining("\n"));
        return Files.writeString(home.resolve("shots.csv"), "key,prompt\n" + rows + "\n");
    }

    @Test
    void twentyItemsRunWithNeverMoreThanTheConcurrencyInFlightAtTheFake() throws Exception {
        Path file = csv(20);

        CliHarness.Result r = cli.run("batch", "run", file.toString(), "--concurrency", "3", "--yes");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(submits.prompts).hasSize(20).doesNotHaveDuplicates();
        assertThat(submits.mostInFlight).isEqualTo(3);
        assertThat(r.out())
                .contains("KEY", "STATE", "k20", "completed")
                .contains("20 items: 20 completed; 9600" + " points reserved.");
        // Not a terminal: a plain line per change, no redrawn line.
        assertThat(r.err()).contains(file + ":2: 'k1' accepted as job ").doesNotContain("\r");
    }

    @Test
    void aDryRunPrintsThePlanAndTheEstimateAndSendsNothing() throws Exception {
        Path file = csv(12);

        CliHarness.Result r = cli.run("batch", "run", file.toString(), "--dry-run");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(submits.prompts).isEmpty();
        assertThat(r.out())
                .contains(file + ":2  k1  would send: generate 480p (image URL to video): " + CAT + " shot 1")
                .contains("Would send 12 jobs, 5760 points; 100000 available. Nothing was sent.");
        assertThat(Files.exists(home.resolve("batches"))).isFalse();
    }

    @Test
    void everyBadRowIsReportedAndNothingIsSent() throws Exception {
        Path file =
                Files.writeString(home.resolve("bad.csv"), "key,prompt,quality\na,x,1080p\nb,,\nc,y,480p\nc,z,720p\n");

        CliHarness.Result r = cli.run("batch", "run", file.toString(), "--yes");

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err())
                .contains(file + ":2: column 'quality': must be 480p or 720p, was 1080p")
                .contains(file + ":3: column 'prompt': must be given")
                .contains(file + ":5: column 'key': must be unique in the batch (line 4 has it), was c")
                .contains("3 problems in " + file + "; nothing was sent.");
        assertThat(submits.prompts).isEmpty();
    }

    @Test
    void aBatchTheBalanceCannotCoverIsRefusedAtOnce() throws Exception {
        world.fake.setAvailablePoints(1000);

        CliHarness.Result r = cli.run("batch", "run", csv(5).toString(), "--yes");

        assertThat(r.exit()).isEqualTo(ExitCodes.NOT_COVERED);
        assertThat(r.err()).contains("needs 2400 points and the account has 1000. Nothing was sent.");
        assertThat(submits.prompts).isEmpty();
    }

    @Test
    void overTheThresholdWithoutATerminalItRefusesAndSaysToPassYes() throws Exception {
        CliHarness.Result r = cli.run("batch", "run", csv(11).toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.NOT_CONFIRMED);
        assertThat(r.err())
                .contains("would send 11 jobs (5280 points of 100000 available), over the confirmation"
                        + " threshold of 10 jobs or 4800 points. Nothing was sent: pass --yes");
        assertThat(submits.prompts).isEmpty();
    }

    @Test
    void onATerminalItAsksAndSendsNothingOnAnythingButYes() throws Exception {
        cli.terminal = true;
        cli.stdinTerminal = true;
        Path file = csv(11);
        for (String answer : List.of("", "n\n", "no\n", "maybe\n")) {
            cli.stdin = answer;

            CliHarness.Result r = cli.run("batch", "run", file.toString());

            assertThat(r.exit()).as("answer %s", answer).isEqualTo(ExitCodes.NOT_CONFIRMED);
            assertThat(r.err())
                    .contains("send 11 jobs (5280 points of 100000 available)")
                    .contains("? [y/N] ");
        }
        assertThat(submits.prompts).isEmpty();

        cli.stdin = "y\n";
        CliHarness.Result yes = cli.run("batch", "run", file.toString());

        assertThat(yes.exit()).as(yes.toString()).isZero();
        assertThat(submits.prompts).hasSize(11);
        // A terminal gets one status line redrawn in place.
        assertThat(yes.err()).contains("\rbatch: ").contains(" done, ").contains(" points; ");
    }

    @Test
    void theThresholdIsConfigurableAndASmallBatchDoesNotAsk() throws Exception {
        cli.env.put(BatchRunCommand.CONFIRM_JOBS_ENV, "2");
        CliHarness.Result refused = cli.run("batch", "run", csv(3).toString());
        assertThat(refused.exit()).isEqualTo(ExitCodes.NOT_CONFIRMED);

        CliHarness.Result allowed = cli.run("batch", "run", csv(3).toString(), "--confirm-jobs", "3");

        assertThat(allowed.exit()).as(allowed.toString()).isZero();
        assertThat(submits.prompts).hasSize(3);
    }

    @Test
    void jsonPrintsOneLinePerFinishedItemAndNoTable() throws Exception {
        CliHarness.Result r = cli.run("--json", "batch", "run", csv(3).toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        List<JsonNode> lines = r.jsonLines();
        assertThat(lines).extracting(j -> j.get("key").asText()).containsExactlyInAnyOrder("k1", "k2", "k3");
        for (JsonNode j : lines) {
            assertThat(j.get("state").asText()).isEqualTo("completed");
            assertThat(j.get("jobId").asText()).matches("[0-9a-f-]{36}");
            assertThat(j.get("videoUrls")).hasSize(4);
            assertThat(j.get("detail").isNull()).isTrue();
        }
        assertThat(r.err()).contains("3 items: 3 completed; 1440 points reserved.");
    }

    @Test
    void aFailedItemSkipsItsFollowUpAndExitsFour() throws Exception {
        Path file = Files.writeString(
                home.resolve("f.csv"), "key,prompt,after,action,video\n" + "a," + CAT + ",,,\n" + "b,,a,extend,0\n");
        world.fake.failNextJob(10001, "video generation failed");

        CliHarness.Result r = cli.run("batch", "run", file.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(r.out()).contains("failed").contains("skipped").contains("Not sent: the item it follows, 'a'");
        assertThat(submits.prompts).hasSize(1);
    }

    @Test
    void aSubmitWhoseAnswerWasLostIsUncertainNeverResentAndExitsSeven() throws Exception {
        world.fake.makeNextSubmitUnavailable();
        Path file = csv(2);

        CliHarness.Result r = cli.run("batch", "run", file.toString(), "--concurrency", "1");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.UNCERTAIN);
        assertThat(r.out()).contains("uncertain");
        CliHarness.Result again = cli.run("batch", "run", file.toString());
        assertThat(again.exit()).isEqualTo(ExitCodes.UNCERTAIN);
        assertThat(submits.prompts).hasSize(2);
    }

    @Test
    void itemsStillRunningAfterTheTimeoutExitFiveAndARunAgainWaitsForThem() throws Exception {
        Path file = csv(2);

        CliHarness.Result first = cli.run("batch", "run", file.toString(), "--timeout", "30s");

        assertThat(first.exit()).as(first.toString()).isEqualTo(ExitCodes.TIMED_OUT);
        assertThat(first.out()).contains("accepted");
        CliHarness.Result again = cli.run("batch", "run", file.toString());
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(submits.prompts).hasSize(2);
    }

    @Test
    void anInterruptedRunResumesWithoutSendingAnyItemTwice() throws Exception {
        Path file = csv(20);
        cli.stop = new CompletableFuture<>();
        CompletableFuture<Void> stop = cli.stop;
        submits.after = n -> {
            if (n == 5) {
                stop.complete(null);
            }
        };

        CliHarness.Result first = cli.run("batch", "run", file.toString(), "--concurrency", "3", "--yes");

        assertThat(first.exit()).as(first.toString()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(first.err()).contains("Run the same command again to resume: legnext batch run " + file);
        // What a real process's interrupt hook prints besides the submits under way.
        assertThat(cli.inFlight.interruptLines())
                .anySatisfy(l -> assertThat(l)
                        .contains("Run the same command again to wait for them and send the"
                                + " rest: legnext batch run " + file));
        int sentBefore = submits.prompts.size();
        assertThat(sentBefore).isBetween(5, 8);

        CliHarness.Result status = cli.run("batch", "status", file.toString());
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("pending").contains("20 items: ");

        cli.stop = null;
        submits.after = n -> {};
        CliHarness.Result again = cli.run("batch", "run", file.toString(), "--concurrency", "3", "--yes");

        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(submits.prompts).hasSize(20).doesNotHaveDuplicates();
        assertThat(again.out()).contains("20 items: 20 completed");
        CliHarness.Result json = cli.run("--json", "batch", "status", file.toString());
        assertThat(json.jsonLines())
                .hasSize(20)
                .allSatisfy(j -> assertThat(j.get("state").asText()).isEqualTo("completed"));
    }

    @Test
    void aRowEditedAfterItWasSentIsRefusedWithItsLine() throws Exception {
        Path file = csv(2);
        assertThat(cli.run("batch", "run", file.toString()).exit()).isZero();
        Files.writeString(file, "key,prompt\nk1," + CAT + " shot 1\nk2,something else\nk3," + CAT + "\n");

        CliHarness.Result r = cli.run("batch", "run", file.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err())
                .contains(file + ":3: row 'k2' was already sent (completed, job ")
                .contains("give it a" + " new key");
        assertThat(submits.prompts).hasSize(2);
    }

    @Test
    void aBatchAnotherProcessHoldsIsRefused() throws Exception {
        Path file = csv(2);
        String id = BatchFileReader.batchId(file);
        try (FileBatchStore holder = new FileBatchStore(home.resolve("batches"))) {
            holder.load(id);

            CliHarness.Result r = cli.run("batch", "run", file.toString());

            assertThat(r.exit()).isEqualTo(ExitCodes.IN_USE);
            assertThat(r.err()).contains("is being run by another legnext process");
        }
        assertThat(submits.prompts).isEmpty();
    }

    @Test
    void aConcurrencyOutOfBoundsIsAUsageError() throws Exception {
        CliHarness.Result r = cli.run("batch", "run", csv(2).toString(), "--concurrency", "0");

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("'--concurrency' must be between 1 and 1000, was 0. Nothing was sent.");
    }

    @Test
    void downloadSavesEveryCompletedItemsVideos() throws Exception {
        Path dir = home.resolve("videos");

        CliHarness.Result r = cli.run("batch", "run", csv(2).toString(), "--download", dir.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".mp4"))).hasSize(8);
        }
    }

    @Test
    void statusOfABatchNeverRunListsEveryItemPending() throws Exception {
        CliHarness.Result r = cli.run("batch", "status", csv(3).toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("3 items: 3 pending; 0 points reserved.");
        assertThat(r.err()).contains("was never run from this machine");
    }
}
