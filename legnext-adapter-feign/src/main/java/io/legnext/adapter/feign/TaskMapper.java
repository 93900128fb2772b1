package io.legnext.adapter.feign;

import io.legnext.adapter.feign.generated.model.AccountBalanceResponse;
import io.legnext.adapter.feign.generated.model.ExtendVideoRequest;
import io.legnext.adapter.feign.generated.model.Task;
import io.legnext.adapter.feign.generated.model.TaskConfig;
import io.legnext.adapter.feign.generated.model.TaskError;
import io.legnext.adapter.feign.generated.model.TaskMeta;
import io.legnext.adapter.feign.generated.model.TaskOutput;
import io.legnext.adapter.feign.generated.model.TaskUsage;
import io.legnext.adapter.feign.generated.model.VideoDiffusionRequest;
import io.legnext.adapter.feign.generated.model.VideoUpscaleRequest;
import io.legnext.adapter.feign.generated.model.WebhookConfig;
import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.job.AccountBalance;
import io.legnext.core.job.AvailableActions;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobFailure;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.PointUsage;
import io.legnext.core.job.TaskType;
import io.legnext.core.request.AnimateImage;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.Prompt;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.request.VideoDiffusion;
import io.legnext.core.secret.Redactor;
import io.legnext.core.url.CallbackUrl;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The only class that touches generated types: domain requests to wire requests, wire tasks to domain jobs.
 * Tolerant of what the service really sends: unknown values kept, "" and year-1 timestamps read as absent, nulls
 * read as empty.
 */
final class TaskMapper {

    /**
     * Every property of the spec's task object (dotted paths), each either mapped or deliberately not: a test
     * compares this with the spec, so a field added to the contract without a decision here fails the build.
     */
    static final Set<String> TASK_FIELDS_MAPPED = Set.of(
            "job_id",
            "task_type",
            "status",
            "config",
            "config.webhook_config",
            "config.webhook_config.endpoint",
            "output",
            "output.video_urls",
            "output.image_url",
            "output.image_urls",
            "output.seed",
            "output.available_actions",
            "meta",
            "meta.created_at",
            "meta.started_at",
            "meta.ended_at",
            "meta.usage",
            "meta.usage.type",
            "meta.usage.frozen",
            "meta.usage.consume",
            "error",
            "error.code",
            "error.message",
            "error.raw_message");

    /** Task properties read by nobody, and why. */
    static final Map<String, String> TASK_FIELDS_IGNORED = Map.of(
            "model", "always \"midjourney\"",
            "input", "null in every payload seen",
            "detail", "unspecified object, null in every payload seen",
            "logs", "unspecified entries, empty or null in every payload seen",
            "config.service_mode", "public or private account mode; no behaviour depends on it",
            "config.webhook_config.secret", "a secret: never read into the domain",
            "error.detail", "unspecified object, null in every payload seen");

    /** The wire type of a task, for the decoder: the one name of it outside this class and the readers. */
    static final Type TASK = Task.class;

    /** The service writes this for "not yet". */
    // 0001-01-01T00:00:00Z, not parsed: Instant.parse loads the JDK's whole formatter machinery (about 45 classes)
    // into a process whose lookups never otherwise need it.
    private static final Instant YEAR_ONE = Instant.ofEpochSecond(-62_135_596_800L);

    private TaskMapper() {}

    static VideoDiffusionRequest toWire(VideoDiffusion request) {
        VideoDiffusionRequest wire = new VideoDiffusionRequest();
        request.wirePrompt().map(Prompt::text).ifPresent(wire::setPrompt);
        wire.setVideoType(
                VideoDiffusionRequest.VideoTypeEnum.fromValue(request.quality().videoType()));
        request.callback().map(c -> c.uri().toString()).ifPresent(wire::setCallback);
        if (request instanceof AnimateImage animate) {
            wire.setJobId(animate.imageJob().value());
            wire.setImageNo(animate.imageIndex().value());
        }
        return wire;
    }

    static ExtendVideoRequest toWire(ExtendVideo request) {
        ExtendVideoRequest wire = new ExtendVideoRequest();
        wire.setJobId(request.videoJob().value());
        wire.setVideoNo(request.videoIndex().value());
        request.prompt().map(Prompt::text).ifPresent(wire::setPrompt);
        request.callback().map(c -> c.uri().toString()).ifPresent(wire::setCallback);
        return wire;
    }

    static VideoUpscaleRequest toWire(UpscaleVideo request) {
        VideoUpscaleRequest wire = new VideoUpscaleRequest();
        wire.setJobId(request.videoJob().value());
        wire.setVideoNo(request.videoIndex().value());
        request.callback().map(c -> c.uri().toString()).ifPresent(wire::setCallback);
        return wire;
    }

    /**
     * Why a decoded answer cannot become a domain object, or empty when it can: the one list of what the mapping
     * refuses, so that the decoder can refuse it while the raw body is still at hand. A job id that is not a UUID
     * never gets this far: the wire model holds a UUID, and reading fails.
     *
     * @param wire a decoded wire object, or null for a body that is JSON {@code null}
     */
    static Optional<String> refusal(Object wire) {
        if (wire == null) {
            return Optional.of("the body is null");
        }
        if (wire instanceof Task task && task.getJobId() == null) {
            return Optional.of("it has no 'job_id'");
        }
        if (wire instanceof AccountBalanceResponse response && response.getData() == null) {
            return Optional.of("it has no 'data' object");
        }
        return Optional.empty();
    }

    /** What a body of this wire type is, in words for messages: "a task", "an account balance". */
    static String describe(Type wireType) {
        if (wireType == Task.class) {
            return "a task";
        }
        if (wireType == AccountBalanceResponse.class) {
            return "an account balance";
        }
        return "the answer expected";
    }

    private static void requireUsable(Object wire) {
        Optional<String> refusal = refusal(wire);
        if (refusal.isPresent()) {
            throw new IllegalArgumentException(refusal.get());
        }
    }

    /**
     * Reads a task.
     *
     * @param redactor masks secrets in the failure texts the service sends
     * @throws IllegalArgumentException when {@link #refusal} refuses the task
     */
    static Job toDomain(Task task, Redactor redactor) {
        requireUsable(task);
        JobId id = new JobId(task.getJobId());
        JobStatus status = JobStatus.of(task.getStatus());
        Job.Builder job = Job.builder(id, TaskType.of(task.getTaskType()), status);
        readOutput(task.getOutput(), job);
        readMeta(task.getMeta(), job);
        readCallback(task.getConfig(), job);
        if (status.state() == JobStatus.State.FAILED) {
            // Only a failed status means failure: healthy jobs carry {"code":0,...} too.
            TaskError e = task.getError();
            // The service may echo what it was sent, the key included, in these texts.
            job.failure(
                    e == null
                            ? JobFailure.UNSPECIFIED
                            : new JobFailure(
                                    e.getCode() == null ? 0 : e.getCode(),
                                    redactor.redact(e.getMessage()),
                                    redactor.redact(e.getRawMessage())));
        }
        return job.build();
    }

    /** Reads a task the decoder decoded as {@link #TASK}. */
    static Job toDomainTask(Object decoded, Redactor redactor) {
        return toDomain((Task) decoded, redactor);
    }

    /**
     * Reads a balance.
     *
     * @throws IllegalArgumentException when {@link #refusal} refuses the response
     */
    static AccountBalance toDomain(AccountBalanceResponse response) {
        requireUsable(response);
        io.legnext.adapter.feign.generated.model.AccountBalance data = response.getData();
        return new AccountBalance(
                data.getAccountId(),
                decimal(data.getBalanceUsd()),
                orZero(data.getAvailableCredits()),
                orZero(data.getAvailablePoints()),
                decimal(data.getAlertThreshold()),
                Boolean.TRUE.equals(data.getLowBalanceAlert()),
                instant(data.getUpdatedAt()));
    }

    private static void readOutput(TaskOutput output, Job.Builder job) {
        if (output == null) {
            return;
        }
        job.videoUrls(urls(output.getVideoUrls()));
        job.imageUrls(urls(output.getImageUrls()));
        url(output.getImageUrl()).ifPresent(job::imageGridUrl);
        job.seed(output.getSeed());
        job.availableActions(actions(output.getAvailableActions()));
    }

    private static void readMeta(TaskMeta meta, Job.Builder job) {
        if (meta == null) {
            return;
        }
        instant(meta.getCreatedAt()).ifPresent(job::createdAt);
        instant(meta.getStartedAt()).ifPresent(job::startedAt);
        instant(meta.getEndedAt()).ifPresent(job::endedAt);
        TaskUsage usage = meta.getUsage();
        if (usage != null) {
            job.usage(new PointUsage(
                    usage.getType() == null ? "" : usage.getType(),
                    Math.max(0, orZero(usage.getFrozen())),
                    Math.max(0, orZero(usage.getConsume()))));
        }
    }

    private static void readCallback(TaskConfig config, Job.Builder job) {
        WebhookConfig webhook = config == null ? null : config.getWebhookConfig();
        if (webhook == null
                || webhook.getEndpoint() == null
                || webhook.getEndpoint().isBlank()) {
            return;
        }
        try {
            job.callback(CallbackUrl.parse(webhook.getEndpoint()));
        } catch (InvalidRequestException e) {
            // An endpoint the core would not accept is the service's business, not a reason to lose the job.
        }
    }

    private static AvailableActions actions(Map<String, Object> raw) {
        if (raw == null || raw.isEmpty()) {
            return AvailableActions.NONE;
        }
        Map<String, Set<Integer>> indexed = new LinkedHashMap<>();
        Set<String> flags = new LinkedHashSet<>();
        raw.forEach((name, value) -> {
            if (value instanceof List<?> list) {
                Set<Integer> indices = new TreeSet<>();
                for (Object o : list) {
                    if (o instanceof Number n) {
                        indices.add(n.intValue());
                    }
                }
                indexed.put(name, indices);
            } else if (Boolean.TRUE.equals(value)) {
                flags.add(name);
            }
        });
        return new AvailableActions(indexed, flags);
    }

    static Optional<Instant> instant(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            Instant at = Timestamps.parse(text.strip());
            return at.equals(YEAR_ONE) ? Optional.empty() : Optional.of(at);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static List<URI> urls(List<?> raw) {
        if (raw == null) {
            return List.of();
        }
        List<URI> out = new ArrayList<>(raw.size());
        for (Object o : raw) {
            url(o == null ? null : o.toString()).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<URI> url(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(URI.create(text.strip().replace(" ", "%20")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static BigDecimal decimal(Number n) {
        return n == null ? BigDecimal.ZERO : new BigDecimal(n.toString());
    }

    private static long orZero(Long n) {
        return n == null ? 0 : n;
    }
}
