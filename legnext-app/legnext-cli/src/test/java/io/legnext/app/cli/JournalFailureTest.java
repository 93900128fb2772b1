package io.legnext.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.app.Legnext;
import io.legnext.app.download.GeneratedDownloadSource;
import io.legnext.app.journal.FileJobJournal;
import io.legnext.core.job.JobId;
import io.legnext.core.journal.SubmittedJob;
import io.legnext.core.port.out.JobJournalPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A journal that cannot be written never costs a paid job silently: before the submit it stops the command with
 * nothing sent; after the service accepted, the id reaches stdout in every output mode.
 */
class JournalFailureTest extends OnTheFake {

    @Test
    void aHomeThatIsAFileStopsTheSubmitWithNothingSent() throws Exception {
        Path file = Files.writeString(home.resolve("legnext-home"), "not a directory");
        cli.env.put(Settings.HOME_ENV, file.toString());
        int jobs = world.fake.jobCount();

        CliHarness.Result r = cli.run("video", "generate", "--prompt", CAT, "--wait");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err())
                .contains("cannot be written")
                .contains("Nothing was sent")
                .contains("LEGNEXT_HOME")
                .doesNotContain("unexpected error")
                .doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
        assertThat(world.fake.jobCount()).isEqualTo(jobs);
    }

    @Test
    void aJournalFileThatIsADirectoryStopsAnExtendBeforeEvenItsLookup() throws Exception {
        String source = world.fake.seedCompletedVideoJob().toString();
        Files.createDirectories(home.resolve(FileJobJournal.FILE_NAME));
        int jobs = world.fake.jobCount();

        CliHarness.Result r = cli.run("video", "extend", "--job", source, "--video", "0");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(world.fake.jobCount()).isEqualTo(jobs);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-q", "--json"})
    void anAppendFailingAfterAcceptanceStillPutsTheIdOnStdoutAndSaysTheJobExists(String mode) {
        cli.services = failingAppends();
        int jobs = world.fake.jobCount();

        CliHarness.Result r = mode.isEmpty()
                ? cli.run("video", "generate", "--prompt", CAT, "--wait")
                : cli.run(mode, "video", "generate", "--prompt", CAT, "--wait");

        assertThat(world.fake.jobCount()).isEqualTo(jobs + 1);
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.OTHER);
        String id = lastJobId(r);
        switch (mode) {
            case "-q" -> assertThat(r.outLines()).containsExactly(id);
            case "--json" -> assertThat(r.json().get("jobId").asText()).isEqualTo(id);
            default -> assertThat(r.out()).contains("Submitted job " + id);
        }
        assertThat(r.err())
                .contains("Job " + id + " was accepted by the service (it exists and is charged)")
                .contains("no space left on device")
                .contains("do not submit it again")
                .contains("legnext job wait " + id)
                .doesNotContain("unexpected error");
    }

    /** The id the error names; stdout is checked against it. */
    private static String lastJobId(CliHarness.Result r) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Job ([0-9a-f-]{36}) was accepted")
                .matcher(r.err());
        assertThat(m.find()).as(r.toString()).isTrue();
        return JobId.parse(m.group(1)).toString();
    }

    /** The shared fake, with a journal that passes the check before a submit and then fails to append. */
    static CliServices.Factory failingAppends() {
        return (settings, notices) -> {
            FileJobJournal file = new FileJobJournal(settings.home(), Legnext.FAKE_SERVICE, world.scheduler.clock());
            JobJournalPort failing = new JobJournalPort() {
                @Override
                public void record(SubmittedJob job) {
                    throw new UncheckedIOException(
                            "Cannot write to the job journal " + file.file() + ": no space left on device",
                            new IOException("No space left on device"));
                }

                @Override
                public Optional<SubmittedJob> find(JobId id) {
                    return file.find(id);
                }
            };
            Legnext legnext = Legnext.builder()
                    .fake(world.fake)
                    .scheduler(world.scheduler)
                    .journal(failing)
                    .build();
            return new CliServices(legnext, file, new GeneratedDownloadSource(), settings, legnext);
        };
    }
}
