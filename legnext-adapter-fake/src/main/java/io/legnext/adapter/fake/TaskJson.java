package io.legnext.adapter.fake;

import io.legnext.core.job.AvailableActions;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobFailure;
import io.legnext.core.job.PointUsage;
import io.legnext.core.job.TaskType;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a job as the service's task object (snake_case, every field the real payloads carry): the body of a
 * GET job response and of a callback POST.
 *
 * <p>The shape follows the recorded payloads: {@code error} is always present ({@code code 0} on healthy jobs),
 * {@code output} is null for failed jobs, times not yet reached are {@code ""}, and the webhook secret is written
 * as {@code ""} as in every observed payload, whatever the account's secret is.
 */
public final class TaskJson {

    /** The {@code model} every task reports. */
    public static final String MODEL = "midjourney";

    private TaskJson() {}

    /** The task object of {@code job}, as one line of JSON. */
    public static String write(Job job) {
        JsonWriter w = new JsonWriter(1024);
        w.beginObject();
        w.member("job_id", job.id().toString());
        w.member("model", MODEL);
        w.member("task_type", wireName(job.taskType()));
        w.member(
                "status",
                job.status().wireName().isBlank()
                        ? job.status().state().wireName()
                        : job.status().wireName());
        config(w, job.callback().map(Object::toString).orElse(""));
        w.name("input").nullValue();
        w.name("output");
        output(w, job);
        meta(w, job.createdAt(), job.startedAt(), job.endedAt(), job.usage());
        w.name("detail").nullValue();
        w.name("logs").beginArray().endArray();
        error(w, job.failure().orElse(null));
        return w.endObject().toString();
    }

    /**
     * The task-shaped error body the service sends when it refuses a submit outright (e.g. moderation, HTTP 403):
     * a failed task with an empty {@code job_id}, nothing frozen, and the reason in {@code error}.
     */
    public static String rejection(TaskType taskType, int code, String message, String rawMessage) {
        JsonWriter w = new JsonWriter();
        w.beginObject();
        w.member("job_id", "");
        w.member("model", MODEL);
        w.member("task_type", wireName(taskType));
        w.member("status", "failed");
        config(w, "");
        w.name("input").nullValue();
        w.name("output").nullValue();
        meta(w, Optional.empty(), Optional.empty(), Optional.empty(), new PointUsage("point", 0, 0));
        w.name("detail").nullValue();
        w.name("logs").nullValue();
        error(w, new JobFailure(code, message, rawMessage));
        return w.endObject().toString();
    }

    private static String wireName(TaskType type) {
        return type.wireName().isBlank() ? type.toString() : type.wireName();
    }

    private static void config(JsonWriter w, String endpoint) {
        w.name("config").beginObject();
        w.member("service_mode", "public");
        w.name("webhook_config")
                .beginObject()
                .member("endpoint", endpoint)
                .member("secret", "")
                .endObject();
        w.endObject();
    }

    private static void output(JsonWriter w, Job job) {
        if (job.isFailed()) {
            w.nullValue();
            return;
        }
        boolean image = job.taskType().isImage()
                || (!job.taskType().isVideo() && !job.imageUrls().isEmpty());
        w.beginObject();
        if (image) {
            w.member("image_url", job.imageGridUrl().map(URI::toString).orElse(""));
            urls(w.name("image_urls"), job.imageUrls());
        } else {
            urls(w.name("video_urls"), job.videoUrls());
        }
        w.member("seed", job.seed().orElse(""));
        actions(w.name("available_actions"), job.availableActions());
        w.endObject();
    }

    private static void urls(JsonWriter w, List<URI> urls) {
        if (urls.isEmpty()) {
            w.nullValue();
            return;
        }
        w.beginArray();
        for (URI url : urls) {
            w.value(url.toString());
        }
        w.endArray();
    }

    private static void actions(JsonWriter w, AvailableActions actions) {
        w.beginObject();
        for (Map.Entry<String, Set<Integer>> e : actions.indexed().entrySet()) {
            w.name(e.getKey()).beginArray();
            for (int i : e.getValue()) {
                w.value(i);
            }
            w.endArray();
        }
        for (String flag : actions.flags()) {
            w.name(flag).value(true);
        }
        w.endObject();
    }

    private static void meta(
            JsonWriter w,
            Optional<Instant> created,
            Optional<Instant> started,
            Optional<Instant> ended,
            PointUsage usage) {
        w.name("meta").beginObject();
        w.member("created_at", time(created));
        w.member("started_at", time(started));
        w.member("ended_at", time(ended));
        w.name("usage")
                .beginObject()
                .member("type", usage.unit())
                .member("frozen", usage.frozen())
                .member("consume", usage.consumed())
                .endObject();
        w.endObject();
    }

    private static String time(Optional<Instant> t) {
        return t.map(DateTimeFormatter.ISO_INSTANT::format).orElse("");
    }

    private static void error(JsonWriter w, JobFailure failure) {
        w.name("error").beginObject();
        w.member("code", failure == null ? 0 : failure.code());
        w.member("message", failure == null ? "" : failure.message());
        w.member("raw_message", failure == null ? "" : failure.rawMessage());
        w.name("detail").nullValue();
        w.endObject();
    }
}
