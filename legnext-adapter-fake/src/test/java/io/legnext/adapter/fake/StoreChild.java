package io.legnext.adapter.fake;

import io.legnext.core.request.TextToVideo;
import io.legnext.core.time.VirtualTime;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A process of its own over a persistent fake: submits {@code count} jobs (0 for no end), printing
 * {@code accepted <id>} for each once the fake answered, as a client would learn of it.
 */
final class StoreChild {

    private StoreChild() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        FakeLegnext legnext = FakeLegnext.builder(new VirtualTime())
                .persistentIn(dir)
                .unlimitedConcurrentJobs()
                .availablePoints(StoreProcessesTest.POINTS)
                .build();
        PrintStream out = System.out;
        out.println("ready");
        out.flush();
        for (int i = 0; count == 0 || i < count; i++) {
            out.println(
                    "accepted " + legnext.generate(TextToVideo.of("job " + i)).id());
            out.flush();
        }
    }
}
