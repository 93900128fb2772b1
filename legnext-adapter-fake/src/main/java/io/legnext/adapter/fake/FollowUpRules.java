package io.legnext.adapter.fake;

import io.legnext.core.job.AvailableActions;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import io.legnext.core.job.VariantIndex;
import io.legnext.core.request.AnimateImage;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.rule.ExtensionPolicy;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The checks the service makes, as the real one does, before it accepts a follow-up job (animate, extend, upscale)
 * on a job it holds; each refusal is the service's 404 or 400.
 */
final class FollowUpRules {

    /** The job of an id, or null when the service does not know it (or no longer: expired). */
    private final Function<UUID, FakeJob> jobs;

    private final Clock clock;

    FollowUpRules(Function<UUID, FakeJob> jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Refuses to animate an image that is not one of a completed image job's. */
    void requireAnimatable(String attempted, AnimateImage animate) {
        FakeJob source = jobs.apply(animate.imageJob().value());
        if (source == null) {
            throw Rejections.notFound(attempted);
        }
        TaskType type = TaskType.of(source.kind());
        if (!type.isImage()) {
            throw Rejections.invalid(
                    attempted,
                    "job " + source.id() + " is a " + type
                            + " job; only the images of a completed image job can be animated");
        }
        JobStatus.State state = source.stateAt(clock.millis());
        if (state != JobStatus.State.COMPLETED) {
            throw Rejections.invalid(
                    attempted,
                    "job " + source.id() + " is " + state.wireName()
                            + "; its images can be animated once it has completed");
        }
        if (animate.imageIndex().value() >= source.results()) {
            throw Rejections.invalid(
                    attempted,
                    "imageNo " + animate.imageIndex() + " is out of range: job " + source.id()
                            + " has " + source.results() + " image" + (source.results() == 1 ? "" : "s") + " (0-"
                            + (source.results() - 1) + ")");
        }
    }

    /** The job whose video {@code request} extends, once it is found extendable; refuses otherwise. */
    FakeJob requireExtendable(String attempted, ExtendVideo request) {
        FakeJob source = requireVideoSource(attempted, request.videoJob(), "extended");
        if (source.extensions() >= ExtensionPolicy.MAX_EXTENSIONS) {
            throw Rejections.invalid(
                    attempted,
                    "job " + source.id() + " is the last of "
                            + ExtensionPolicy.MAX_EXTENSIONS + " extensions of its video ("
                            + ExtensionPolicy.secondsAfter(source.extensions())
                            + " s), the most a video lineage allows;"
                            + " upscale it instead");
        }
        requireOffered(attempted, source, AvailableActions.EXTEND, request.videoIndex());
        return source;
    }

    /** The job whose video {@code request} upscales, once it is found upscalable; refuses otherwise. */
    FakeJob requireUpscalable(String attempted, UpscaleVideo request) {
        FakeJob source = requireVideoSource(attempted, request.videoJob(), "upscaled");
        requireOffered(attempted, source, AvailableActions.UPSCALE, request.videoIndex());
        return source;
    }

    private FakeJob requireVideoSource(String attempted, JobId id, String verb) {
        FakeJob source = jobs.apply(id.value());
        if (source == null) {
            throw Rejections.notFound(attempted);
        }
        TaskType type = TaskType.of(source.kind());
        if (!type.yieldsVideoVariants()) {
            throw Rejections.invalid(
                    attempted,
                    "job " + id + " is a " + type + " job; only a completed"
                            + " video_diffusion or extend_video job can be " + verb);
        }
        JobStatus.State state = source.stateAt(clock.millis());
        if (state != JobStatus.State.COMPLETED) {
            throw Rejections.invalid(
                    attempted,
                    "job " + id + " is " + state.wireName() + ", not completed; it can be " + verb
                            + " once it has completed");
        }
        return source;
    }

    private static void requireOffered(String attempted, FakeJob source, String action, VariantIndex index) {
        Set<Integer> offered = source.actions().indicesFor(action).orElse(Set.of());
        if (!offered.contains(index.value())) {
            throw Rejections.invalid(
                    attempted,
                    "videoNo " + index + " is not offered by job " + source.id() + " for " + action + "; it offers "
                            + offered);
        }
    }
}
