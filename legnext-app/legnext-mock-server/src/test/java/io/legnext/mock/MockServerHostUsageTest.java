package io.legnext.mock;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.adapter.fake.FakeLegnext;
import io.legnext.adapter.feign.ApiKey;
import io.legnext.adapter.feign.LegnextHttpAdapter;
import io.legnext.core.job.Job;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.time.VirtualTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's example of a host test on the mock server, as it is written there. */
class MockServerHostUsageTest {

    @Test
    void aHostTestTalksHttpToTheMockServerInVirtualTime() throws Exception {
        VirtualTime time = new VirtualTime();
        FakeLegnext fake = FakeLegnext.builder(time).build();
        try (LegnextMockServer server = LegnextMockServer.builder().fake(fake).start()) {
            LegnextHttpAdapter http = LegnextHttpAdapter.builder(ApiKey.of(server.key()))
                    .baseUri(server.url())
                    .build();
            Job job = http.generate(TextToVideo.of("a lighthouse at dusk"));

            time.advance(Duration.ofMinutes(10)); // the job completes: four video URLs

            assertThat(http.getJob(job.id()).isCompleted()).isTrue();
            fake.makeNextLookupUnavailable(); // or over HTTP: POST /__admin/faults/lookup-unavailable
        }
    }
}
