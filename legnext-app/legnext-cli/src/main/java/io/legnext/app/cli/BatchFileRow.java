package io.legnext.app.cli;

import io.legnext.core.batch.Batch;
import io.legnext.core.batch.BatchItem;
import io.legnext.core.batch.BatchStep;
import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.job.JobId;
import io.legnext.core.job.TaskType;
import io.legnext.core.job.VariantIndex;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.ImageToVideo;
import io.legnext.core.request.Prompt;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.request.VideoQuality;
import io.legnext.core.url.CallbackUrl;
import io.legnext.core.url.ImageUrl;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** One row of a batch file being read into its step: collects its problems, each said of its line and column. */
final class BatchFileRow {

    /** Stands in for a row's own step while its key alone is checked against the batch's rules. */
    private static final BatchStep PLACEHOLDER = new BatchStep.Generate(TextToVideo.of("key check"));

    private final String name;
    private final String cell;
    private final BatchFileRows.Row row;
    private final List<String> problems;
    private boolean bad;

    BatchFileRow(String name, String cell, BatchFileRows.Row row, List<String> problems) {
        this.name = name;
        this.cell = cell;
        this.row = row;
        this.problems = problems;
    }

    void problem(String text) {
        problems.add(name + ":" + row.line() + ": " + text);
        bad = true;
    }

    String get(String column) {
        return row.cells().get(column);
    }

    /** The value's problem, as the core's rule says it. */
    void refused(String column, String bound, String value) {
        problem(cell + " '" + column + "': must be " + bound + ", was " + BatchFileReader.shown(value));
    }

    /** Runs a parse of the core's, saying its refusal of {@code column}. */
    <T> T parsed(String column, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidRequestException e) {
            refused(column, e.bound(), get(column));
            return null;
        }
    }

    String key() {
        String key = get("key");
        if (key == null) {
            return "row-" + row.line();
        }
        try {
            Batch.of("check", List.of(new BatchItem(key, PLACEHOLDER)));
            return key;
        } catch (InvalidRequestException e) {
            refused("key", e.bound(), key);
            return null;
        }
    }

    /** The row's step, or null when it is wrong (its problems said). */
    BatchStep step(Map<String, Integer> lines, Map<String, BatchStep> steps, Map<String, Integer> everyKey) {
        String after = get("after");
        String job = get("job");
        String action = get("action") == null ? null : get("action").strip().toLowerCase(Locale.ROOT);
        Optional<CallbackUrl> callback = optional("callback", CallbackUrl::parse);
        if (after == null && job == null) {
            return generate(action, callback);
        }
        if (after != null && job != null) {
            problem(cell + "s 'after' and 'job' cannot both be given: a follow-up is of an earlier row (after)"
                    + " or of an existing job (job), was after " + after + " and job " + job);
            return null;
        }
        for (String c : List.of("image_url", "quality")) {
            if (get(c) != null) {
                refused(c, "absent for an extend or upscale (they keep the source's)", get(c));
            }
        }
        if (action == null || !(action.equals("extend") || action.equals("upscale"))) {
            refused(
                    "action",
                    "extend or upscale for a row with '" + (after != null ? "after" : "job") + "'",
                    get("action"));
        }
        VariantIndex video = video();
        Optional<Prompt> prompt = optional("prompt", Prompt::of);
        if ("upscale".equals(action) && prompt.isPresent()) {
            refused("prompt", "absent for an upscale", get("prompt"));
        }
        JobId source = job == null ? null : parsed("job", () -> JobId.parse("job", job));
        if (after != null) {
            parent(after, lines, steps, everyKey);
        }
        if (bad) {
            return null;
        }
        boolean extend = action.equals("extend");
        if (after != null) {
            BatchStep.After step = extend
                    ? BatchStep.After.extend(after, video.value())
                    : BatchStep.After.upscale(after, video.value());
            step = prompt.map(step::withPrompt).orElse(step);
            return callback.map(step::withCallback).orElse(step);
        }
        return extend
                ? new BatchStep.Extend(new ExtendVideo(source, video, prompt, callback))
                : new BatchStep.Upscale(new UpscaleVideo(source, video, callback));
    }

    private BatchStep generate(String action, Optional<CallbackUrl> callback) {
        if (action != null && !action.equals("generate")) {
            refused(
                    "action",
                    "generate (or empty) for a row without 'after' or 'job'; extend and upscale"
                            + " need 'after' (an earlier row's key) or 'job'",
                    get("action"));
        }
        if (get("video") != null) {
            refused("video", "absent for a generate (it is for extend and upscale)", get("video"));
        }
        VideoQuality quality = get("quality") == null
                ? VideoQuality.DEFAULT
                : parsed("quality", () -> VideoQuality.parse(get("quality")));
        Optional<Prompt> prompt = optional("prompt", Prompt::of);
        Optional<ImageUrl> image = optional("image_url", ImageUrl::parse);
        if (get("prompt") == null && get("image_url") == null) {
            problem(cell + " 'prompt': must be given (or 'image_url') for a generate, was empty");
        }
        if (bad) {
            return null;
        }
        if (image.isPresent()) {
            return parsed(
                    "prompt", () -> new BatchStep.Generate(new ImageToVideo(image.get(), prompt, quality, callback)));
        }
        return new BatchStep.Generate(new TextToVideo(prompt.orElseThrow(), quality, callback));
    }

    private VariantIndex video() {
        String text = get("video");
        String bound = "between " + VariantIndex.MIN + " and " + VariantIndex.MAX;
        if (text == null) {
            refused("video", bound + " (which of the source's videos)", null);
            return null;
        }
        int n;
        try {
            n = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            refused("video", "a whole number " + bound, text);
            return null;
        }
        return parsed("video", () -> VariantIndex.of("video", n));
    }

    private void parent(
            String after, Map<String, Integer> lines, Map<String, BatchStep> steps, Map<String, Integer> everyKey) {
        Integer line = lines.get(after);
        if (line == null) {
            Integer later = everyKey.get(after);
            refused(
                    "after",
                    "the key of an earlier row"
                            + (later == null
                                    ? " (no row has it)"
                                    : later == row.line()
                                            ? " (not the row's own)"
                                            : " (line " + later + " has it, after this one)"),
                    after);
            return;
        }
        BatchStep parent = steps.get(after);
        if (parent != null && !TaskType.of(parent.kind()).yieldsVideoVariants()) {
            refused(
                    "after",
                    "the key of a row that yields videos (a generate or an extend; line " + line + " is an upscale)",
                    after);
        }
    }

    private <T> Optional<T> optional(String column, Function<String, T> parse) {
        String text = get(column);
        return text == null ? Optional.empty() : Optional.ofNullable(parsed(column, () -> parse.apply(text)));
    }
}
