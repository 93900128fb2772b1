package io.legnext.app.cli;

import io.legnext.adapter.fake.FakeServiceStore;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code legnext fake ...}: the local fake service that runs when no API key is set. */
@Command(
        name = "fake",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "The local fake service used without LEGNEXT_API_KEY (kept in LEGNEXT_HOME/fake).",
        subcommands = {FakeCommand.Reset.class})
final class FakeCommand extends CliCommand {

    @Override
    int execute() {
        throw new CliUsageException("say which: legnext fake reset (see legnext fake --help)");
    }

    @Command(
            name = "reset",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {
                "Forget every job, the balance and the pending callbacks of the local fake service.",
                "Safe while other legnext processes run: they find it empty at their next call. The journal"
                        + " (jobs list) is left as it is; jobs resume marks the forgotten jobs gone."
            })
    static final class Reset extends CliCommand {

        @Override
        int execute() {
            Path store = root().settings().fakeStore();
            int forgotten;
            try {
                forgotten = FakeServiceStore.reset(store);
            } catch (IllegalStateException e) {
                throw new CliStateException("cannot reset the local fake service: " + e.getMessage());
            }
            output().result("reset the local fake service in " + store + ": " + forgotten + " job"
                    + (forgotten == 1 ? "" : "s") + " forgotten");
            return ExitCodes.OK;
        }
    }
}
