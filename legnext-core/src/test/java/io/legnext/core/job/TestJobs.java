package io.legnext.core.job;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Test data: jobs as the service reports them, built from a few readable facts. */
public final class TestJobs {

    /** A video-diffusion job, as in the recorded real payload. */
    public static final JobId VIDEO_JOB = JobId.parse("8201cd3e-1234-4d5e-9f00-0123456789ab");
    /** An image job. */
    public static final JobId IMAGE_JOB = JobId.parse("11111111-2222-4333-8444-555555555555");
    /** An extend-video job. */
    public static final JobId EXTEND_JOB = JobId.parse("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");

    private TestJobs() {}

    /** Extend and upscale offered for all four videos, as a completed video job lists them. */
    public static final AvailableActions ALL_VIDEO_ACTIONS = AvailableActions.of(
            Map.of(AvailableActions.EXTEND, List.of(0, 1, 2, 3), AvailableActions.UPSCALE, List.of(0, 1, 2, 3)));

    /** A job of the given kind and status with nothing else known. */
    public static Job job(JobId id, TaskType.Kind kind, JobStatus status) {
        return Job.builder(id, TaskType.of(kind), status).build();
    }

    /** A completed video-diffusion job with four videos, offering extend and upscale for each. */
    public static Job completedVideoJob(JobId id) {
        return Job.builder(id, TaskType.of(TaskType.Kind.VIDEO_DIFFUSION), JobStatus.COMPLETED)
                .videoUrls(fourVideos())
                .availableActions(ALL_VIDEO_ACTIONS)
                .build();
    }

    /** A completed extend-video job with four videos, offering extend and upscale for each. */
    public static Job completedExtendJob(JobId id) {
        return Job.builder(id, TaskType.of(TaskType.Kind.EXTEND_VIDEO), JobStatus.COMPLETED)
                .videoUrls(fourVideos())
                .availableActions(ALL_VIDEO_ACTIONS)
                .build();
    }

    /** A completed diffusion (image) job with four images. */
    public static Job completedImageJob(JobId id) {
        return Job.builder(id, TaskType.of(TaskType.Kind.DIFFUSION), JobStatus.COMPLETED)
                .imageUrls(fourImages())
                .imageGridUrl(URI.create("https://cdn.legnext.ai/temp/grid.png"))
                .build();
    }

    /** A freshly accepted job of the given kind, as a submit answers it. */
    public static Job pending(JobId id, TaskType.Kind kind) {
        return job(id, kind, JobStatus.PENDING);
    }

    public static List<URI> fourVideos() {
        return List.of(
                URI.create("https://cdn.legnext.ai/temp/1761044022619.mp4"),
                URI.create("https://cdn.legnext.ai/temp/1761044022620.mp4"),
                URI.create("https://cdn.legnext.ai/temp/1761044022621.mp4"),
                URI.create("https://cdn.legnext.ai/temp/1761044022622.mp4"));
    }

    public static List<URI> fourImages() {
        return List.of(
                URI.create("https://cdn.legnext.ai/temp/0.png"),
                URI.create("https://cdn.legnext.ai/temp/1.png"),
                URI.create("https://cdn.legnext.ai/temp/2.png"),
                URI.create("https://cdn.legnext.ai/temp/3.png"));
    }
}
