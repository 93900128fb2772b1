package io.legnext.core.service;

import io.legnext.core.batch.BatchStep;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.UpscaleVideo;

/** How each kind of batch step is submitted, a follow-up on its parent's job. */
final class BatchSteps {

    private BatchSteps() {}

    /**
     * Submits {@code step} with {@code origin} through {@code videos}.
     *
     * @param parentJob the job of the item a follow-up ({@link BatchStep.After}) follows; null for other steps
     */
    static Job send(VideoJobService videos, BatchStep step, JobId parentJob, String origin) {
        if (step instanceof BatchStep.Generate g) {
            return videos.generate(g.request(), origin);
        }
        if (step instanceof BatchStep.Extend e) {
            return videos.extend(e.request(), origin);
        }
        if (step instanceof BatchStep.Upscale u) {
            return videos.upscale(u.request(), origin);
        }
        BatchStep.After after = (BatchStep.After) step;
        return switch (after.action()) {
            case EXTEND ->
                videos.extend(new ExtendVideo(parentJob, after.videoIndex(), after.prompt(), after.callback()), origin);
            case UPSCALE -> videos.upscale(new UpscaleVideo(parentJob, after.videoIndex(), after.callback()), origin);
        };
    }
}
