package io.legnext.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.legnext.core.job.AvailableActions;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobFailure;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.PointUsage;
import io.legnext.core.job.TaskType;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.time.VirtualTime;
import io.legnext.core.url.CallbackUrl;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The task object has the real payloads' shape and is valid JSON whatever the strings hold. */
class TaskJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JobId ID = JobId.parse("8201cd3e-5f0a-4c1e-9d3b-2a7c6e9f1b40");

    private final VirtualTime time = new VirtualTime();
    private final FakeLegnext legnext = FakeLegnext.builder(time).seed(8).build();

    @Test
    void aCompletedVideoJobHasEveryFieldOfTheRecordedPayload() throws Exception {
        Job job = Job.builder(ID, TaskType.of("video_diffusion"), JobStatus.COMPLETED)
                .videoUrls(List.of(
                        URI.create("https://cdn.legnext.ai/temp/1.mp4"),
                        URI.create("https://cdn.legnext.ai/temp/2.mp4")))
                .seed("1723670005")
                .availableActions(AvailableActions.of(Map.of("extend", List.of(0, 1), "upscale", List.of(3))))
                .usage(new PointUsage("point", 480, 480))
                .createdAt(Instant.parse("2025-10-21T10:51:46Z"))
                .startedAt(Instant.parse("2025-10-21T10:51:47Z"))
                .endedAt(Instant.parse("2025-10-21T10:54:22Z"))
                .build();

        JsonNode task = JSON.readTree(TaskJson.write(job));

        assertThat(task.get("job_id").asText()).isEqualTo(ID.toString());
        assertThat(task.get("model").asText()).isEqualTo("midjourney");
        assertThat(task.get("task_type").asText()).isEqualTo("video_diffusion");
        assertThat(task.get("status").asText()).isEqualTo("completed");
        assertThat(task.at("/config/service_mode").asText()).isEqualTo("public");
        assertThat(task.at("/config/webhook_config/endpoint").asText()).isEmpty();
        assertThat(task.at("/config/webhook_config/secret").asText()).isEmpty();
        assertThat(task.get("input").isNull()).isTrue();
        assertThat(task.at("/output/video_urls/1").asText()).isEqualTo("https://cdn.legnext.ai/temp/2.mp4");
        assertThat(task.at("/output/seed").asText()).isEqualTo("1723670005");
        assertThat(task.at("/output/available_actions/extend").toString()).isEqualTo("[0,1]");
        assertThat(task.at("/output/available_actions/upscale").toString()).isEqualTo("[3]");
        assertThat(task.at("/meta/created_at").asText()).isEqualTo("2025-10-21T10:51:46Z");
        assertThat(task.at("/meta/started_at").asText()).isEqualTo("2025-10-21T10:51:47Z");
        assertThat(task.at("/meta/ended_at").asText()).isEqualTo("2025-10-21T10:54:22Z");
        assertThat(task.at("/meta/usage").toString()).isEqualTo("{\"type\":\"point\",\"frozen\":480,\"consume\":480}");
        assertThat(task.get("detail").isNull()).isTrue();
        assertThat(task.get("logs").isArray()).isTrue();
        assertThat(task.get("error").toString())
                .isEqualTo("{\"code\":0,\"message\":\"\",\"raw_message\":\"\",\"detail\":null}");
    }

    @Test
    void aPendingJobHasEmptyTimesNoUrlsAndItsCallbackEndpoint() throws Exception {
        Job job = legnext.generate(
                TextToVideo.of("a fox").withCallback(CallbackUrl.parse("https://hooks.example.com/legnext")));

        JsonNode task = JSON.readTree(TaskJson.write(job));

        assertThat(task.get("status").asText()).isEqualTo("pending");
        assertThat(task.at("/meta/created_at").asText()).isEqualTo("2025-10-21T10:51:46Z");
        assertThat(task.at("/meta/started_at").asText()).isEmpty();
        assertThat(task.at("/meta/ended_at").asText()).isEmpty();
        assertThat(task.at("/output/video_urls").isNull()).isTrue();
        assertThat(task.at("/output/seed").asText()).isEmpty();
        assertThat(task.at("/output/available_actions").size()).isZero();
        assertThat(task.at("/meta/usage/frozen").asInt()).isEqualTo(480);
        assertThat(task.at("/config/webhook_config/endpoint").asText()).isEqualTo("https://hooks.example.com/legnext");
    }

    @Test
    void aFailedJobHasNullOutputAndItsError() throws Exception {
        legnext.failNextJob(new JobFailure(500, "Task failed", "video generation failed, please try again"));
        JobId id = legnext.generate(TextToVideo.of("a fox")).id();
        time.advance(Duration.ofMinutes(10));

        JsonNode task = JSON.readTree(TaskJson.write(legnext.getJob(id)));

        assertThat(task.get("status").asText()).isEqualTo("failed");
        assertThat(task.get("output").isNull()).isTrue();
        assertThat(task.at("/error/code").asInt()).isEqualTo(500);
        assertThat(task.at("/error/raw_message").asText()).isEqualTo("video generation failed, please try again");
        assertThat(task.at("/meta/usage/consume").asInt()).isZero();
    }

    @Test
    void anImageJobHasItsGridItsImagesAndTheRerollFlag() throws Exception {
        JsonNode task = JSON.readTree(TaskJson.write(legnext.getJob(legnext.seedCompletedImageJob())));

        assertThat(task.get("task_type").asText()).isEqualTo("diffusion");
        assertThat(URI.create(task.at("/output/image_url").asText()).getPath())
                .endsWith(".png")
                .doesNotContain("_");
        assertThat(task.at("/output/image_urls")).hasSize(4);
        assertThat(task.at("/output/video_urls").isMissingNode()).isTrue();
        assertThat(task.at("/output/available_actions/reroll").asBoolean()).isTrue();
    }

    @Test
    void aJobReadBackFromItsJsonIsTheSameJob() throws Exception {
        JobId id = legnext.seedCompletedVideoJob();
        Job job = legnext.getJob(id);

        JsonNode task = JSON.readTree(TaskJson.write(job));

        assertThat(JSON.convertValue(task.at("/output/video_urls"), String[].class))
                .containsExactlyElementsOf(
                        job.videoUrls().stream().map(URI::toString).toList());
        assertThat(Instant.parse(task.at("/meta/ended_at").asText()))
                .isEqualTo(job.endedAt().orElseThrow());
        assertThat(task.at("/output/seed").asText()).isEqualTo(job.seed().orElseThrow());
    }

    @Test
    void theTaskShapedRejectionHasAnEmptyJobIdAndTheReason() throws Exception {
        JsonNode body = JSON.readTree(TaskJson.rejection(
                TaskType.of(TaskType.Kind.VIDEO_DIFFUSION),
                403,
                "Sensitive content detected",
                "Banned prompt detected"));

        assertThat(body.get("job_id").asText()).isEmpty();
        assertThat(body.get("status").asText()).isEqualTo("failed");
        assertThat(body.at("/error/code").asInt()).isEqualTo(403);
        assertThat(body.at("/error/message").asText()).isEqualTo("Sensitive content detected");
        assertThat(body.get("output").isNull()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\0',
            value = {
                "quote|a\"b|\"a\\\"b\"",
                "backslash|a\\b|\"a\\\\b\"",
                "slash is left alone|a/b|\"a/b\"",
                "plain unicode|café ☕|\"café ☕\""
            })
    void stringsAreEscapedPerRfc8259(String name, String input, String expected) {
        assertThat(quoted(input)).isEqualTo(expected);
    }

    @Test
    void controlCharactersAreEscaped() {
        assertThat(quoted("\n\r\t\b\f")).isEqualTo("\"\\n\\r\\t\\b\\f\"");
        assertThat(quoted("\u0000\u0001\u001f")).isEqualTo("\"\\u0000\\u0001\\u001f\"");
        assertThat(quoted("\u007f")).isEqualTo("\"\u007f\"");
    }

    @Test
    void lineSeparatorsAreEscapedForJavaScriptReaders() {
        assertThat(quoted("a\u2028b\u2029c")).isEqualTo("\"a\\u2028b\\u2029c\"");
    }

    @Test
    void surrogatePairsPassThroughAndLoneSurrogatesAreEscaped() {
        assertThat(quoted("🎬")).isEqualTo("\"🎬\"");
        assertThat(quoted("a\ud83cb")).isEqualTo("\"a\\ud83cb\"");
        assertThat(quoted("\udc00")).isEqualTo("\"\\udc00\"");
    }

    @Test
    void anyStringSurvivesARoundTripThroughARealParser() throws Exception {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            every.append(c);
        }
        every.append("🎬\ud800");
        Job job = Job.builder(ID, TaskType.of("video_diffusion"), JobStatus.FAILED)
                .failure(new JobFailure(1, every.toString(), "\"}],{\\"))
                .build();

        JsonNode task = JSON.readTree(TaskJson.write(job));

        String expected = every.substring(0, every.length() - 1) + "\ud800";
        assertThat(task.at("/error/message").asText()).isEqualTo(expected);
        assertThat(task.at("/error/raw_message").asText()).isEqualTo("\"}],{\\");
    }

    @Test
    void unknownTaskTypesAndStatusesKeepTheirSpelling() throws Exception {
        Job job = Job.builder(ID, TaskType.of("video-remaster"), JobStatus.of("queued"))
                .build();

        JsonNode task = JSON.readTree(TaskJson.write(job));

        assertThat(task.get("task_type").asText()).isEqualTo("video-remaster");
        assertThat(task.get("status").asText()).isEqualTo("queued");
    }

    @Test
    void theWriterPlacesCommasInNestedContainers() {
        JsonWriter w = new JsonWriter();
        w.beginObject()
                .name("a")
                .beginArray()
                .value(1)
                .beginObject()
                .endObject()
                .beginArray()
                .endArray()
                .nullValue()
                .value(true)
                .endArray()
                .member("b", "x")
                .name("c")
                .beginObject()
                .member("d", 2)
                .endObject()
                .endObject();

        assertThat(w.toString()).isEqualTo("{\"a\":[1,{},[],null,true],\"b\":\"x\",\"c\":{\"d\":2}}");
    }

    @Test
    void flagsAreWrittenAsTrue() {
        Job job = Job.builder(ID, TaskType.of("diffusion"), JobStatus.COMPLETED)
                .availableActions(new AvailableActions(Map.of("upscale", Set.of(0)), Set.of("reroll")))
                .build();

        assertThat(TaskJson.write(job)).contains("\"available_actions\":{\"upscale\":[0],\"reroll\":true}");
    }

    private static String quoted(String s) {
        StringBuilder out = new StringBuilder();
        JsonWriter.quote(out, s);
        return out.toString();
    }
}
