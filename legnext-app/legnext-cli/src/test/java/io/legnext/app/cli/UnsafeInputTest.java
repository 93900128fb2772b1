package io.legnext.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.app.journal.FileJobJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input that looks harmless and is not: look-alike digits, ids with spaces around them, credentials in the base URL,
 * an absurd fake speed. Each exits 2 with nothing sent and nothing stored.
 */
class UnsafeInputTest extends OnTheFake {

    @ParameterizedTest
    @ValueSource(strings = {"\u0661", "\u06f1", "\u0967", "\uff11", "1\u0660"})
    void aVideoIndexInAnotherScriptsDigitsIsRefusedAndNothingIsSent(String index) {
        String job = world.fake.seedCompletedVideoJob().toString();
        int jobs = world.fake.jobCount();

        CliHarness.Result r = cli.run("video", "extend", "--job", job, "--video", index);

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err())
                .contains("'--video'")
                .contains("'" + index + "' is not a whole number written with the" + " digits 0-9");
        assertThat(world.fake.jobCount()).isEqualTo(jobs);
    }

    @Test
    void anImageIndexInAnotherScriptsDigitsIsRefusedToo() {
        String job = world.fake.seedCompletedImageJob().toString();
        int jobs = world.fake.jobCount();

        CliHarness.Result r = cli.run("video", "animate", "--job", job, "--image", "\u0662");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(world.fake.jobCount()).isEqualTo(jobs);
    }

    @Test
    void anAsciiIndexStillWorks() {
        String job = world.fake.seedCompletedVideoJob().toString();

        CliHarness.Result r = cli.run("video", "upscale", "--job", job, "--video", "2");

        assertThat(r.exit()).as(r.toString()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "\n", "\t", "\u00a0"})
    void aJobIdWithSpaceAroundItIsRefusedSayingSoAndNothingIsSent(String space) {
        String job = world.fake.seedCompletedVideoJob().toString();
        int jobs = world.fake.jobCount();

        CliHarness.Result r = cli.run("video", "extend", "--job", job + space, "--video", "0");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err())
                .contains("'--job' must be a UUID")
                .contains("with no spaces or line breaks around it")
                .contains("Nothing was sent.");
        assertThat(world.fake.jobCount()).isEqualTo(jobs);
    }

    @Test
    void aLookupOfAnIdWithSpaceAroundItIsRefusedToo() {
        String job = world.fake.seedCompletedVideoJob().toString();

        CliHarness.Result r = cli.run("job", "get", " " + job);

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("'ID' must be a UUID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e308", "1e12", "1e6", "0.5"})
    void aFakeSpeedOutOfBoundsExitsTwoBeforeAnythingRuns(String speed) {
        cli.services = CliServices::create;

        CliHarness.Result r = cli.run("--fake-speed", speed, "video", "generate", "--prompt", CAT, "--wait");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("'--fake-speed' (or LEGNEXT_FAKE_SPEED) must be between 1 and 10000");
        assertThat(home.resolve(FileJobJournal.FILE_NAME)).doesNotExist();
    }

    @Test
    void theFakeSpeedVariableIsBoundedToo() {
        cli.services = CliServices::create;
        cli.env.put(Settings.FAKE_SPEED_ENV, "1e12");

        CliHarness.Result r = cli.run("video", "generate", "--prompt", CAT, "--wait");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    }

    /**
     * At the fastest allowed speed a whole job lasts a few tens of milliseconds of real time, less than a pause of a
     * loaded machine: the wait must still end with the completed job, never give up on the state of its submit.
     */
    @Test
    void theFakesLifecycleIsRightAtTheFastestAllowedSpeed() {
        cli.services = CliServices::create;
        cli.env.put(Settings.FAKE_SPEED_ENV, String.valueOf(Settings.MAX_FAKE_SPEED));

        for (int i = 0; i < 5; i++) {
            CliHarness.Result r = cli.run("video", "generate", "--prompt", CAT, "--wait", "--json");

            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.json().get("status").asText()).isEqualTo("completed");
            assertThat(r.json().get("videoUrls")).hasSize(4);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://user:lk-live-123@127.0.0.1:9", "https://lk-live-123@api.legnext.ai"})
    void aKeyInTheBaseUrlIsRefusedNeverShownAndNeverStored(String url) throws Exception {
        cli.services = CliServices::create;
        cli.env.put(Settings.API_KEY_ENV, "lk-live-123");

        CliHarness.Result r = cli.run("--base-url", url, "video", "generate", "--prompt", CAT);

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("must not carry credentials").doesNotContain("lk-live-123");
        assertThat(r.out()).doesNotContain("lk-live-123");
        Path journal = home.resolve(FileJobJournal.FILE_NAME);
        assertThat(!Files.exists(journal) || !Files.readString(journal).contains("lk-live-123"))
                .isTrue();
    }

    @Test
    void aBaseUrlWithAQueryIsRefused() {
        cli.services = CliServices::create;
        cli.env.put(Settings.API_KEY_ENV, "lk-live-123");

        CliHarness.Result r = cli.run("--base-url", "http://127.0.0.1:9/?k=zz", "balance");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("must not carry a query");
    }
}
