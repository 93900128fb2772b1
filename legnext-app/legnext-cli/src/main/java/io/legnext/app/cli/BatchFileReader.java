package io.legnext.app.cli;

import io.legnext.app.IoFailures;
import io.legnext.core.batch.Batch;
import io.legnext.core.batch.BatchItem;
import io.legnext.core.batch.BatchStep;
import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.request.Prompt;
import io.legnext.core.url.CallbackUrl;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a batch file (CSV or JSON Lines, see {@link BatchFileRows}) into a {@link Batch}, validating the whole file
 * before anything is sent: every bad row is reported with its line, its column, the bound and the value, the core's
 * own rules included ({@code batch.csv:7: column 'quality': must be 480p or 720p, was 1080p}).
 *
 * <p>A row is one of: a generate ({@code prompt} and/or {@code image_url}, {@code quality}); a follow-up of an
 * earlier row ({@code after} its key, {@code action} extend|upscale, {@code video} 0-3); or an extend or upscale of
 * an existing job ({@code job}, {@code action}, {@code video}). Any row may have a {@code key} (default {@code
 * row-<line>}) and a {@code callback}; an extend may have a {@code prompt}.
 */
final class BatchFileReader {

    /** The columns (CSV) or fields (JSON Lines) a batch file may have. */
    static final List<String> COLUMNS =
            List.of("key", "prompt", "image_url", "quality", "callback", "after", "action", "video", "job");

    private static final Pattern ITEM_FIELD = Pattern.compile("items\\[(\\d+)]\\.(key|after)");

    /**
     * A batch file read whole.
     *
     * @param name the file as the user named it, for messages
     * @param batch the batch, its id derived from the file's absolute path
     * @param lines each item's line, by key
     * @param digests a digest of each item's step, by key: tells an edited row from the one a run sent
     */
    record BatchFile(String name, Batch batch, Map<String, Integer> lines, Map<String, String> digests) {

        /** {@code batch.csv:7} for the item with this key. */
        String where(String key) {
            return name + ":" + lines.get(key);
        }
    }

    /** The file has problems: each line names one, and nothing was sent. */
    static final class BatchFileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final List<String> problems;

        BatchFileException(String name, List<String> problems) {
            super(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in " + name
                    + "; nothing was sent.");
            this.problems = List.copyOf(problems);
        }

        /** One line per problem: {@code batch.csv:7: column 'quality': must be ...}. */
        List<String> problems() {
            return problems;
        }
    }

    private BatchFileReader() {}

    /**
     * Reads and validates {@code file}.
     *
     * @throws CliUsageException when it cannot be read
     * @throws BatchFileException when any row is wrong
     */
    static BatchFile read(Path file) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CliUsageException("The batch file " + file + " is not UTF-8 text. Nothing was sent.");
        } catch (IOException e) {
            throw new CliUsageException(
                    "Cannot read the batch file " + file + ": " + IoFailures.local(e) + ". Nothing was sent.");
        }
        return parse(file.toString(), batchId(file), text);
    }

    /** Parses {@code text}, named {@code name} in messages, as the batch {@code id}. */
    static BatchFile parse(String name, String id, String text) {
        BatchFileRows.Rows rows = BatchFileRows.read(name, text);
        List<String> problems = new ArrayList<>();
        rows.problems().forEach(p -> problems.add(name + ":" + p.line() + ": " + p.text()));
        String cell = rows.format().cell;
        List<String> unknown = rows.columns().stream()
                .filter(c -> !c.isEmpty() && !COLUMNS.contains(c))
                .toList();
        if (!unknown.isEmpty()) {
            problems.add(name + ":1: " + unknownNames(cell, unknown));
        }
        if (rows.rows().isEmpty() && rows.problems().isEmpty()) {
            problems.add(name + ":1: "
                    + (text.isBlank()
                            ? "the file is empty: a batch file is CSV with a header row, or one JSON object per line"
                            : "the file has no rows to run, only "
                                    + (rows.columns().isEmpty() ? "blank lines" : "a header")));
        }
        if (rows.rows().size() > Batch.MAX_ITEMS) {
            problems.add(name + ":1: a batch holds at most " + Batch.MAX_ITEMS + " rows, this file has "
                    + rows.rows().size() + "; split it");
        }
        List<BatchItem> items = new ArrayList<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        Map<String, BatchStep> steps = new HashMap<>();
        Map<String, Integer> everyKey = new HashMap<>();
        rows.rows()
                .forEach(row -> everyKey.putIfAbsent(row.cells().getOrDefault("key", "row-" + row.line()), row.line()));
        for (BatchFileRows.Row row : rows.rows()) {
            BatchFileRow r = new BatchFileRow(name, cell, row, problems);
            if (rows.format() == BatchFileRows.Format.JSONL) {
                List<String> extra = row.cells().keySet().stream()
                        .filter(c -> !COLUMNS.contains(c))
                        .toList();
                if (!extra.isEmpty()) {
                    r.problem(unknownNames(cell, extra));
                }
            }
            String key = r.key();
            Integer earlier = key == null ? null : lines.get(key);
            if (earlier != null) {
                r.problem(cell + " 'key': must be unique in the batch (line " + earlier + " has it), was " + key);
            }
            BatchStep step = r.step(lines, steps, everyKey);
            if (key != null && earlier == null) {
                lines.put(key, row.line());
                if (step != null) {
                    steps.put(key, step);
                }
            }
            if (key != null && step != null && earlier == null) {
                items.add(new BatchItem(key, step));
            }
        }
        // Every row stays to the end, so that a key used later is known even when its own row is wrong.
        if (problems.isEmpty()) {
            try {
                Batch batch = Batch.of(id, items);
                Map<String, String> digests = new LinkedHashMap<>();
                batch.items().forEach(i -> digests.put(i.key(), digest(describe(i.step()))));
                return new BatchFile(name, batch, Map.copyOf(lines), digests);
            } catch (InvalidRequestException e) {
                problems.add(mapped(name, cell, e, items, lines));
            }
        }
        throw new BatchFileException(name, byLine(name, problems));
    }

    /** The problems in file order; those of one line in the order found. */
    private static List<String> byLine(String name, List<String> problems) {
        return problems.stream()
                .sorted(java.util.Comparator.comparingInt(p -> lineOf(name, p)))
                .toList();
    }

    private static int lineOf(String name, String problem) {
        String rest = problem.substring(name.length() + 1);
        return Integer.parseInt(rest.substring(0, rest.indexOf(':')));
    }

    /** The core's own refusal of the batch, said of the row and column it is about. */
    private static String mapped(
            String name, String cell, InvalidRequestException e, List<BatchItem> items, Map<String, Integer> lines) {
        Matcher m = ITEM_FIELD.matcher(e.field());
        if (m.matches()) {
            String key = items.get(Integer.parseInt(m.group(1))).key();
            return name + ":" + lines.get(key) + ": " + cell + " '" + m.group(2) + "': must be " + e.bound() + ", was "
                    + e.value();
        }
        return name + ":1: " + e.getMessage();
    }

    private static String unknownNames(String cell, List<String> names) {
        return "unknown " + cell + (names.size() == 1 ? " " : "s ")
                + String.join(", ", names.stream().map(n -> "'" + n + "'").toList()) + ": the " + cell + "s are "
                + String.join(", ", COLUMNS);
    }

    /** The batch id of a file: its name and a digest of its absolute path, so the same file always resumes. */
    static String batchId(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            absolute = absolute.toRealPath();
        } catch (IOException | SecurityException e) {
            // A file that cannot be resolved keeps its absolute name; reading it fails with its own message.
        }
        String stem = String.valueOf(absolute.getFileName()).replaceAll("\\.[^.]*$", "");
        String safe = stem.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > 60) {
            safe = safe.substring(0, 60);
        }
        return (safe.isEmpty() ? "batch" : safe) + "-"
                + digest(absolute.toString()).substring(0, 12);
    }

    /** What a step sends, in words, in full: the digest's source and the dry run's line. */
    static String describe(BatchStep step) {
        if (step instanceof BatchStep.Generate g) {
            return "generate " + g.request().quality().label() + " ("
                    + g.request().describeMode() + "): "
                    + g.request().wirePrompt().map(Prompt::text).orElse("")
                    + callback(g.request().callback());
        }
        if (step instanceof BatchStep.Extend e) {
            return "extend video " + e.request().videoIndex().value() + " of job "
                    + e.request().videoJob()
                    + e.request().prompt().map(p -> ": " + p.text()).orElse("")
                    + callback(e.request().callback());
        }
        if (step instanceof BatchStep.Upscale u) {
            return "upscale video " + u.request().videoIndex().value() + " of job "
                    + u.request().videoJob() + callback(u.request().callback());
        }
        BatchStep.After a = (BatchStep.After) step;
        return a.action().name().toLowerCase(Locale.ROOT) + " video "
                + a.videoIndex().value() + " of row '"
                + a.parent() + "' once it completed"
                + a.prompt().map(p -> ": " + p.text()).orElse("")
                + callback(a.callback());
    }

    private static String callback(Optional<CallbackUrl> callback) {
        return callback.map(c -> " (callback " + c + ")").orElse("");
    }

    static String digest(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** The value as the user wrote it: {@code empty} when there is none, long ones cut. */
    static String shown(String value) {
        if (value == null || value.isEmpty()) {
            return "empty";
        }
        int length = value.codePointCount(0, value.length());
        return length > 80
                ? value.substring(0, value.offsetByCodePoints(0, 77)) + "... (" + length + " characters)"
                : value;
    }
}
