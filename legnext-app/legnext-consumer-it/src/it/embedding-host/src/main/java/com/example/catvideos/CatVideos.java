package com.example.catvideos;

import io.legnext.app.Legnext;
import io.legnext.core.job.Job;
import io.legnext.core.request.ImageToVideo;
import io.legnext.core.wait.WaitOptions;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The host's own code: it sees the Legnext facade, never which adapter is behind it. */
public final class CatVideos {
    private final Legnext legnext;

    public CatVideos(Legnext legnext) {
        this.legnext = legnext;
    }

    /** Submits once, then waits without blocking; completes with the four video URLs. */
    public CompletableFuture<List<URI>> make() {
        Job job = legnext.generate(ImageToVideo.of("https://example.com/cat.jpg", "a cat walks"));
        return legnext.waitFor(job.id(), WaitOptions.defaults()).thenApply(Job::videoUrls);
    }
}
