package io.legnext.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command line prints its own news; legnext's log lines (retries, waits, callbacks) show only with --verbose. */
class CliLoggingTest {

    @Test
    void withoutVerboseLegnextsOwnLoggersAreSilentAndLibrariesWarnOnly() {
        assertThat(LegnextCli.loggingProperties(false))
                .containsEntry("org.slf4j.simpleLogger.defaultLogLevel", "warn")
                .containsEntry("org.slf4j.simpleLogger.log.io.legnext", "off")
                .containsEntry("org.slf4j.simpleLogger.logFile", "System.err");
    }

    @Test
    void withVerboseEverythingIsLoggedAtDebug() {
        assertThat(LegnextCli.loggingProperties(true))
                .containsEntry("org.slf4j.simpleLogger.defaultLogLevel", "debug")
                .doesNotContainKey("org.slf4j.simpleLogger.log.io.legnext");
    }
}
