package io.legnext.app.cli;

import picocli.CommandLine.Command;

/** {@code legnext balance}. */
@Command(
        name = "balance",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Print the account's balance: dollars, points and credits.")
final class BalanceCommand extends CliCommand {

    @Override
    int execute() {
        output().balance(services().legnext().getBalance());
        return ExitCodes.OK;
    }
}
