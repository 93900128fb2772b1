package io.legnext.app.cli;

import io.legnext.app.batch.BatchStoreException;
import io.legnext.app.batch.FileBatchStore;
import io.legnext.core.batch.ItemRecord;
import io.legnext.core.batch.ItemState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code legnext batch ...}: run a file of video jobs, resumably, and see where it stands. */
@Command(
        name = "batch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Run many video jobs from a CSV or JSON Lines file, a few at a time, and resume after a crash.",
            "Columns: key, prompt, image_url, quality, callback; follow-ups: after, action (extend|upscale), video;"
                    + " or job, action, video for an existing job."
        },
        subcommands = {BatchRunCommand.class, BatchCommand.Status.class})
final class BatchCommand extends CliCommand {

    @Override
    int execute() {
        throw new CliUsageException("say which: legnext batch run|status FILE (see legnext batch --help)");
    }

    /** Where the batches of this home are kept. */
    static Path directory(Settings settings) {
        return settings.home().resolve(FileBatchStore.DIRECTORY);
    }

    /**
     * Reads the batch file; prints every problem of it on stderr (one line each) and answers null when it has any.
     */
    static BatchFileReader.BatchFile readOrReport(Path file, Output output) {
        try {
            return BatchFileReader.read(file);
        } catch (BatchFileReader.BatchFileException e) {
            e.problems().forEach(output::error);
            output.error("legnext: " + e.getMessage());
            return null;
        }
    }

    /**
     * The rows that a run sent already but that now say something else: a row is never sent twice, so an edit to
     * it would be silently ignored. One line each; empty when none.
     */
    static List<String> editedRows(
            BatchFileReader.BatchFile file, Map<String, ItemRecord> kept, Map<String, String> digests) {
        List<String> problems = new ArrayList<>();
        for (var item : file.batch().items()) {
            ItemRecord r = kept.get(item.key());
            String was = digests.get(item.key());
            if (r != null
                    && r.state() != ItemState.PENDING
                    && was != null
                    && !was.equals(file.digests().get(item.key()))) {
                problems.add(file.where(item.key()) + ": row '" + item.key() + "' was already sent ("
                        + BatchTable.state(r.state())
                        + r.jobId().map(j -> ", job " + j).orElse("")
                        + ") and now says something else. A row is never sent twice: put it back as it was, or give"
                        + " it a new key to send the new version as an item of its own.");
            }
        }
        return problems;
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {
                "Show where a batch stands, item by item, from what its runs kept on this machine; asks the service"
                        + " nothing and works while the batch runs.",
                "With --json: one object per item (key, line, state, jobId, detail)."
            })
    static final class Status extends CliCommand {

        @Parameters(index = "0", paramLabel = "FILE", description = "The batch file (.csv, .jsonl or .ndjson).")
        Path file;

        @Override
        int execute() {
            BatchFileReader.BatchFile batch = readOrReport(file, output());
            if (batch == null) {
                return ExitCodes.USAGE;
            }
            FileBatchStore.Snapshot snapshot;
            try {
                snapshot = FileBatchStore.read(
                        directory(root().settings()), batch.batch().id());
            } catch (BatchStoreException e) {
                output().error("legnext: " + e.getMessage());
                return ExitCodes.OTHER;
            }
            if (!snapshot.exists()) {
                output().notice("legnext: " + file + " was never run from this machine (with this LEGNEXT_HOME):"
                        + " every item is pending. Run it with: legnext batch run " + file);
            }
            if (snapshot.skippedLines() > 0) {
                output().notice("legnext: skipped " + snapshot.skippedLines() + " unreadable line(s) of the batch's"
                        + " file (a write cut short by a kill leaves one; it is harmless).");
            }
            List<ItemRecord> records = BatchTable.records(batch, snapshot.records());
            if (output().json()) {
                records.forEach(r -> output().printJson(BatchTable.json(batch, r, null, List.of())));
            } else {
                BatchTable.print(root().context().out(), batch, records);
                output().result(BatchTable.totals(batch, records) + ".");
            }
            if (records.stream().anyMatch(r -> r.state() == ItemState.SUBMITTING)) {
                output().notice("legnext: an item left submitting by a run that stopped is settled through the"
                        + " journal when the batch runs again (accepted if its job was recorded, else uncertain and"
                        + " never re-sent).");
            }
            return ExitCodes.OK;
        }
    }
}
