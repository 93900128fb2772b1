package io.legnext.core.service;

import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.TaskType;
import io.legnext.core.job.VariantIndex;
import io.legnext.core.journal.JobNotJournaledException;
import io.legnext.core.journal.SubmittedJob;
import io.legnext.core.port.in.ExtendVideoUseCase;
import io.legnext.core.port.in.GenerateVideoUseCase;
import io.legnext.core.port.in.GetJobUseCase;
import io.legnext.core.port.in.UpscaleVideoUseCase;
import io.legnext.core.port.out.JobJournalPort;
import io.legnext.core.port.out.JobQueryPort;
import io.legnext.core.port.out.VideoGenerationPort;
import io.legnext.core.request.AnimateImage;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.request.VideoDiffusion;
import io.legnext.core.rule.ExtensionPolicy;
import io.legnext.core.rule.FollowUpRules;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Service behind the video use cases: checks that the journal can take the job, checks every rule that needs the
 * source job, submits once, and journals the accepted job before answering.
 */
public final class VideoJobService
        implements GenerateVideoUseCase, ExtendVideoUseCase, UpscaleVideoUseCase, GetJobUseCase {

    private final VideoGenerationPort generation;
    private final JobQueryPort query;
    private final JobJournalPort journal;
    private final Clock clock;

    /**
     * @param generation submits jobs
     * @param query looks source jobs up
     * @param journal remembers accepted jobs and their lineage
     * @param clock stamps journal entries
     */
    public VideoJobService(VideoGenerationPort generation, JobQueryPort query, JobJournalPort journal, Clock clock) {
        this.generation = Objects.requireNonNull(generation, "generation");
        this.query = Objects.requireNonNull(query, "query");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Job generate(VideoDiffusion request) {
        return generate(request, Optional.empty());
    }

    /**
     * {@link #generate(VideoDiffusion)}, journaling the accepted job with {@code origin} (see
     * {@link SubmittedJob#origin()}) in the same record, so that the job and who asked for it are durable at once.
     */
    public Job generate(VideoDiffusion request, String origin) {
        return generate(request, Optional.of(origin));
    }

    /** {@link #extend(ExtendVideo)}, journaling the accepted job with {@code origin}. */
    public Job extend(ExtendVideo request, String origin) {
        return extend(request, Optional.of(origin));
    }

    /** {@link #upscale(UpscaleVideo)}, journaling the accepted job with {@code origin}. */
    public Job upscale(UpscaleVideo request, String origin) {
        return upscale(request, Optional.of(origin));
    }

    private Job generate(VideoDiffusion request, Optional<String> origin) {
        Objects.requireNonNull(request, "request");
        journal.checkWritable();
        Optional<JobId> source = Optional.empty();
        Optional<VariantIndex> index = Optional.empty();
        if (request instanceof AnimateImage animate) {
            FollowUpRules.requireAnimatable(query.getJob(animate.imageJob()), animate.imageIndex());
            source = Optional.of(animate.imageJob());
            index = Optional.of(animate.imageIndex());
        }
        generation.prepareSubmit();
        return journaled(generation.generate(request), source, index, 0, origin);
    }

    @Override
    public Job extend(ExtendVideo request) {
        return extend(request, Optional.empty());
    }

    private Job extend(ExtendVideo request, Optional<String> origin) {
        Objects.requireNonNull(request, "request");
        journal.checkWritable();
        // A lineage the journal knows to be full is refused before anything at all is sent, lookups included.
        journal.find(request.videoJob())
                .ifPresent(known -> ExtensionPolicy.requireRoomForExtension(request.videoJob(), known.extensions()));
        Job source = query.getJob(request.videoJob());
        FollowUpRules.requireExtendable(source, request.videoIndex());
        int extensionsSoFar = extensionsIn(source);
        ExtensionPolicy.requireRoomForExtension(source.id(), extensionsSoFar);
        generation.prepareSubmit();
        return journaled(
                generation.extend(request),
                Optional.of(source.id()),
                Optional.of(request.videoIndex()),
                extensionsSoFar + 1,
                origin);
    }

    @Override
    public Job upscale(UpscaleVideo request) {
        return upscale(request, Optional.empty());
    }

    private Job upscale(UpscaleVideo request, Optional<String> origin) {
        Objects.requireNonNull(request, "request");
        journal.checkWritable();
        Job source = query.getJob(request.videoJob());
        FollowUpRules.requireUpscalable(source, request.videoIndex());
        generation.prepareSubmit();
        return journaled(
                generation.upscale(request),
                Optional.of(source.id()),
                Optional.of(request.videoIndex()),
                extensionsIn(source),
                origin);
    }

    @Override
    public Job getJob(JobId id) {
        return query.getJob(Objects.requireNonNull(id, "id"));
    }

    /**
     * Extensions in the lineage of a video job. An extension this journal never saw (made elsewhere) counts as
     * at least one; the service still enforces the limit on what the journal cannot know.
     */
    private int extensionsIn(Job source) {
        if (source.taskType().kind() != TaskType.Kind.EXTEND_VIDEO) {
            return 0;
        }
        return journal.find(source.id())
                .map(SubmittedJob::extensions)
                .filter(n -> n > 0)
                .orElse(1);
    }

    private Job journaled(
            Job accepted,
            Optional<JobId> source,
            Optional<VariantIndex> index,
            int extensions,
            Optional<String> origin) {
        try {
            journal.record(new SubmittedJob(
                    accepted.id(), accepted.taskType(), source, index, extensions, clock.instant(), origin));
        } catch (RuntimeException e) {
            // The job exists and is charged: the caller must learn its id even when the journal cannot keep it.
            throw new JobNotJournaledException(accepted, e.getMessage(), e);
        }
        return accepted;
    }
}
