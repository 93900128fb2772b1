package io.legnext.app.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.legnext.core.job.AvailableActions;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobFailure;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.PointUsage;
import io.legnext.core.job.TaskType;
import io.legnext.core.url.CallbackUrl;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobJsonTest {

    @Test
    void writesTheDocumentedFieldsAndReadsThemBack() {
        Job job = Job.builder(JobId.random(), TaskType.of("diffusion"), JobStatus.COMPLETED)
                .imageUrls(List.of(URI.create("https://cdn.legnext.ai/a.png")))
                .imageGridUrl(URI.create("https://cdn.legnext.ai/grid.png"))
                .seed("7")
                .availableActions(new AvailableActions(Map.of("upscale", Set.of(0, 1)), Set.of("reroll")))
                .usage(new PointUsage("credit", 80, 80))
                .createdAt(Instant.parse("2025-10-21T10:51:46Z"))
                .startedAt(Instant.parse("2025-10-21T10:51:47Z"))
                .endedAt(Instant.parse("2025-10-21T10:52:40Z"))
                .callback(CallbackUrl.parse("https://hooks.example.com/x"))
                .build();

        JsonNode json = JobJson.write(job);

        assertThat(json.get("availableActions").get("reroll").asBoolean()).isTrue();
        assertThat(json.get("usage").get("consumed").asLong()).isEqualTo(80);
        assertThat(json.get("error").isNull()).isTrue();
        assertThat(JobJson.read(json)).isEqualTo(job);
    }

    @Test
    void aFailedJobHasAnErrorObjectWithCodeAndMessage() {
        Job job = Job.builder(JobId.random(), TaskType.of("video_upscale"), JobStatus.FAILED)
                .failure(new JobFailure(10001, "", "gpu lost"))
                .build();

        JsonNode json = JobJson.write(job);

        assertThat(json.get("error").get("code").asInt()).isEqualTo(10001);
        assertThat(json.get("error").get("message").asText()).isEqualTo("gpu lost");
        assertThat(json.get("videoUrls").isArray()).isTrue();
        assertThat(json.get("seed").isNull()).isTrue();
        assertThat(json.get("startedAt").isNull()).isTrue();
    }
}
