package io.legnext.app.cli;

import io.legnext.app.download.ByteSize;
import io.legnext.app.download.DownloadSource;
import io.legnext.app.download.Downloader;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The option of every command that downloads: the cap on the size of one file. */
final class DownloadOptionsMixin {

    /** Where the cap is read from when the option is not given. */
    static final String MAX_DOWNLOAD_SIZE_ENV = "LEGNEXT_MAX_DOWNLOAD_SIZE";
    /** The option. */
    static final String OPTION = "--max-download-size";
    /** How a refused file's message says to raise the cap. */
    static final String RAISE_CAP_HINT = "raise the cap with " + OPTION + " SIZE or " + MAX_DOWNLOAD_SIZE_ENV;
    /** Stands for "the option was not given" (see {@link #setMaxDownloadSize}). */
    private static final String FROM_ENVIRONMENT = "(" + MAX_DOWNLOAD_SIZE_ENV + ")";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private long maxFileSize = Downloader.DEFAULT_MAX_FILE_SIZE;

    /**
     * Picocli gives the default value only once the command line is parsed, and only when the option is absent:
     * the variable is read then, so the option wins over it, and a bad value of either stops the command before it
     * runs (before anything is sent), exit 2.
     */
    @Option(
            names = OPTION,
            paramLabel = "SIZE",
            defaultValue = FROM_ENVIRONMENT,
            showDefaultValue = Help.Visibility.NEVER,
            description = "Refuse any file larger than this (or " + MAX_DOWNLOAD_SIZE_ENV + "; default 2GiB)."
                    + " E.g. 500MB, 2GiB, 1048576 (bytes).")
    void setMaxDownloadSize(String value) {
        if (!FROM_ENVIRONMENT.equals(value)) {
            maxFileSize = parse("'" + OPTION + "'", value);
            return;
        }
        String env = ((LegnextCli) mixee.root().userObject()).context().env().get(MAX_DOWNLOAD_SIZE_ENV);
        CommandLine cl = mixee.commandLine();
        // --help and --version still work when the variable is wrong.
        if (env == null || env.isBlank() || cl.isUsageHelpRequested() || cl.isVersionHelpRequested()) {
            maxFileSize = Downloader.DEFAULT_MAX_FILE_SIZE;
            return;
        }
        maxFileSize = parse(MAX_DOWNLOAD_SIZE_ENV, env);
    }

    private long parse(String field, String text) {
        try {
            return ByteSize.parse(field, text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), e.getMessage());
        }
    }

    /** The largest file to save, in bytes. */
    long maxFileSize() {
        return maxFileSize;
    }

    /** A downloader from {@code source} with this cap. */
    Downloader downloader(DownloadSource source) {
        return Downloader.builder(source)
                .maxFileSize(maxFileSize)
                .raiseCapHint(RAISE_CAP_HINT)
                .build();
    }
}
