package io.legnext.adapter.fake;

import io.legnext.core.job.AvailableActions;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobFailure;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.PointUsage;
import io.legnext.core.job.TaskType;
import io.legnext.core.rule.ExtensionPolicy;
import io.legnext.core.url.CallbackUrl;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One job as the fake stores it: what it is, when it was accepted and the offsets at which it changes state. Its
 * state at any instant is computed from these, so nothing is stored or scheduled per state change, and the record
 * stays small (the fake holds 100,000 of them easily).
 *
 * @param id the job id (the same instance is the key of the fake's map)
 * @param kind what kind of job
 * @param createdMillis when it was accepted, epoch milliseconds
 * @param stagedAfter milliseconds after creation when it becomes staged
 * @param processingAfter milliseconds after creation when it starts processing
 * @param endedAfter milliseconds after creation when it completes or fails
 * @param seed the generation seed it reports once completed
 * @param cost what was frozen at submit
 * @param paidInCredits whether the cost was frozen from credits rather than points
 * @param results how many videos (or images) it yields
 * @param extensions extensions in its video lineage (0 for a new video)
 * @param callback where to POST it when it ends, or null
 * @param failure why it fails when it ends, or null when it completes
 */
record FakeJob(
        UUID id,
        TaskType.Kind kind,
        long createdMillis,
        int stagedAfter,
        int processingAfter,
        int endedAfter,
        int seed,
        int cost,
        boolean paidInCredits,
        byte results,
        byte extensions,
        CallbackUrl callback,
        JobFailure failure) {

    /** Result URLs stay valid this long after the job ends, as the real CDN's signed URLs do (roughly). */
    static final Duration URL_VALIDITY = Duration.ofDays(3);

    private static final String CDN = "https://cdn.legnext.ai/temp/";

    long endedMillis() {
        return createdMillis + endedAfter;
    }

    JobStatus.State stateAt(long nowMillis) {
        long age = nowMillis - createdMillis;
        if (age >= endedAfter) {
            return failure == null ? JobStatus.State.COMPLETED : JobStatus.State.FAILED;
        }
        if (age >= processingAfter) {
            return JobStatus.State.PROCESSING;
        }
        if (age >= stagedAfter) {
            return JobStatus.State.STAGED;
        }
        return JobStatus.State.PENDING;
    }

    /** Whether, at {@code nowMillis}, the job has completed successfully. */
    boolean completedAt(long nowMillis) {
        return stateAt(nowMillis) == JobStatus.State.COMPLETED;
    }

    /**
     * The follow-up actions a completed job of this record offers. Exhaustive, without a default, so that a new kind
     * is given its own actions here rather than an image job's.
     */
    AvailableActions actions() {
        List<Integer> all = indices(results);
        return switch (kind) {
            case VIDEO_DIFFUSION ->
                AvailableActions.of(Map.of(AvailableActions.EXTEND, all, AvailableActions.UPSCALE, all));
            case EXTEND_VIDEO ->
                extensions < ExtensionPolicy.MAX_EXTENSIONS
                        ? AvailableActions.of(Map.of(AvailableActions.EXTEND, all, AvailableActions.UPSCALE, all))
                        : AvailableActions.of(Map.of(AvailableActions.UPSCALE, all));
            case VIDEO_UPSCALE -> AvailableActions.NONE;
            case DIFFUSION, VARIATION, UPSCALE, REROLL, BLEND, PAN, OUTPAINT, INPAINT, REMIX ->
                new AvailableActions(
                        Map.of(AvailableActions.UPSCALE, Set.copyOf(all), "variation", Set.copyOf(all)),
                        Set.of("reroll"));
            // Never stored: every job the fake creates or seeds has a kind it names.
            case UNKNOWN -> throw new IllegalStateException("the fake stores no job of an unknown kind");
        };
    }

    /** The job as the service would answer for it at {@code nowMillis}. */
    Job at(long nowMillis) {
        JobStatus.State state = stateAt(nowMillis);
        TaskType type = TaskType.of(kind);
        Job.Builder b = Job.builder(new JobId(id), type, JobStatus.of(state))
                .createdAt(instant(createdMillis))
                .callback(callback);
        long age = nowMillis - createdMillis;
        if (age >= processingAfter) {
            b.startedAt(instant(createdMillis + processingAfter));
        }
        String unit = paidInCredits ? "credit" : "point";
        if (state == JobStatus.State.COMPLETED) {
            b.endedAt(instant(endedMillis()))
                    .seed(Integer.toString(seed))
                    .availableActions(actions())
                    .usage(new PointUsage(unit, cost, cost));
            if (type.isImage()) {
                b.imageGridUrl(url(-1, ".png")).imageUrls(urls(".png"));
            } else {
                b.videoUrls(urls(".mp4"));
            }
        } else if (state == JobStatus.State.FAILED) {
            b.endedAt(instant(endedMillis())).failure(failure).usage(new PointUsage(unit, cost, 0));
        } else {
            b.usage(new PointUsage(unit, cost, 0));
        }
        return b.build();
    }

    private List<URI> urls(String extension) {
        List<URI> urls = new ArrayList<>(results);
        for (int i = 0; i < results; i++) {
            urls.add(url(i, extension));
        }
        return urls;
    }

    /** A signed-looking CDN URL, unique per job and result; {@code index} -1 is an image job's grid. */
    private URI url(int index, String extension) {
        long expires = (endedMillis() + URL_VALIDITY.toMillis()) / 1000;
        long mac = mix(id.getMostSignificantBits() ^ Long.rotateLeft(id.getLeastSignificantBits(), 17) + index);
        String name = index < 0 ? id.toString() : id + "_" + index;
        return URI.create(CDN + name + extension + "?Expires=" + expires + "&Signature=" + String.format("%016x", mac));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static Instant instant(long millis) {
        // Real payloads carry whole seconds.
        return Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS);
    }

    private static List<Integer> indices(int n) {
        List<Integer> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }
}
