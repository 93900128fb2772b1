package io.legnext.adapter.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the service really sends, read without failing: unknown fields and values, "" and year-1 timestamps, both
 * task type spellings, error code 0, null output, nanosecond timestamps.
 */
class TolerantParsingTest {

    private static final String ID = "8201cd3e-1234-4d5e-9f00-0123456789ab";

    private final JacksonTaskDecoder decoder = new JacksonTaskDecoder();

    private Job read(String json) {
        return decoder.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theRecordedCompletedVideoJobReadsWhole() {
        Job job = read(Payloads.completedVideo(ID));

        assertThat(job.id()).isEqualTo(JobId.parse(ID));
        assertThat(job.taskType().kind()).isEqualTo(TaskType.Kind.VIDEO_DIFFUSION);
        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.videoUrls())
                .containsExactly(
                        URI.create("https://cdn.legnext.ai/temp/1761044022619.mp4"),
                        URI.create("https://cdn.legnext.ai/temp/1761044022620.mp4"),
                        URI.create("https://cdn.legnext.ai/temp/1761044022621.mp4"),
                        URI.create("https://cdn.legnext.ai/temp/1761044022622.mp4"));
        assertThat(job.seed()).hasValue("1723670005");
        assertThat(job.usage().frozen()).isEqualTo(480);
        assertThat(job.usage().consumed()).isEqualTo(480);
        assertThat(job.usage().unit()).isEqualTo("point");
        assertThat(job.createdAt()).hasValue(Instant.parse("2025-10-21T10:51:46Z"));
        assertThat(job.endedAt()).hasValue(Instant.parse("2025-10-21T10:54:22Z"));
        assertThat(job.failure()).isEmpty();
    }

    @Test
    void unknownFieldsAnywhereAreIgnored() {
        Job job = read("""
                {"job_id":"%s","task_type":"video_diffusion","status":"processing","brand_new":{"x":[1,2]},
                 "output":{"video_urls":null,"seed":"","novel":true},
                 "meta":{"created_at":"2025-10-21T10:51:46Z","usage":{"type":"point","frozen":480,"consume":0,"tax":1}},
                 "error":{"code":0,"message":"","raw_message":"","detail":null,"trace_id":"abc"}}
                """.formatted(ID));

        assertThat(job.status().state()).isEqualTo(JobStatus.State.PROCESSING);
        assertThat(job.videoUrls()).isEmpty();
        assertThat(job.seed()).isEmpty();
    }

    @Test
    void anUnknownStatusIsKeptAndIsNotTerminal() {
        Job job = read("{\"job_id\":\"%s\",\"task_type\":\"video_diffusion\",\"status\":\"moderating\"}".formatted(ID));

        assertThat(job.status().state()).isEqualTo(JobStatus.State.UNKNOWN);
        assertThat(job.status().wireName()).isEqualTo("moderating");
        assertThat(job.isTerminal()).isFalse();
    }

    @Test
    void anUnknownTaskTypeIsKept() {
        Job job = read("{\"job_id\":\"%s\",\"task_type\":\"video_remaster\",\"status\":\"pending\"}".formatted(ID));

        assertThat(job.taskType().kind()).isEqualTo(TaskType.Kind.UNKNOWN);
        assertThat(job.taskType().wireName()).isEqualTo("video_remaster");
    }

    @ParameterizedTest
    @ValueSource(strings = {"video_diffusion", "video-diffusion"})
    void bothSpellingsOfATaskTypeReadAsOneKind(String spelling) {
        Job job = read("{\"job_id\":\"%s\",\"task_type\":\"%s\",\"status\":\"pending\"}".formatted(ID, spelling));

        assertThat(job.taskType()).isEqualTo(TaskType.of(TaskType.Kind.VIDEO_DIFFUSION));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0001-01-01T00:00:00Z", "not a time"})
    void emptyYearOneAndUnreadableTimestampsMeanNotYet(String value) {
        Job job = read("""
                {"job_id":"%s","task_type":"video_diffusion","status":"pending",
                 "meta":{"created_at":"%s","started_at":"%s","ended_at":"%s"}}
                """.formatted(ID, value, value, value));

        assertThat(job.createdAt()).isEmpty();
        assertThat(job.startedAt()).isEmpty();
        assertThat(job.endedAt()).isEmpty();
    }

    @Test
    void nanosecondAndOffsetTimestampsAreRead() {
        Job job = read("""
                {"job_id":"%s","task_type":"video_diffusion","status":"pending",
                 "meta":{"created_at":"2025-10-21T10:51:46.123456789Z","started_at":"2025-10-21T12:51:47+02:00"}}
                """.formatted(ID));

        assertThat(job.createdAt()).hasValue(Instant.parse("2025-10-21T10:51:46.123456789Z"));
        assertThat(job.startedAt()).hasValue(Instant.parse("2025-10-21T10:51:47Z"));
    }

    @Test
    void errorCodeZeroOnAHealthyJobIsNoFailure() {
        Job job = read(Payloads.pending(ID, "video_diffusion"));

        assertThat(job.failure()).isEmpty();
    }

    @Test
    void aFailedJobCarriesItsError() {
        Job job = read(Payloads.failed(ID, 10001, "flagged"));

        assertThat(job.isFailed()).isTrue();
        assertThat(job.failure()).hasValueSatisfying(f -> {
            assertThat(f.code()).isEqualTo(10001);
            assertThat(f.message()).isEqualTo("flagged");
            assertThat(f.rawMessage()).isEqualTo("upstream refused");
        });
    }

    @Test
    void aFailedJobWithoutAnErrorObjectStillReadsAsFailed() {
        Job job = read("{\"job_id\":\"%s\",\"task_type\":\"extend_video\",\"status\":\"failed\"}".formatted(ID));

        assertThat(job.isFailed()).isTrue();
        assertThat(job.failure()).isPresent();
    }

    @Test
    void nullOutputMetaConfigAndLogsReadAsEmpty() {
        Job job = read("""
                {"job_id":"%s","task_type":"video_upscale","status":"pending","output":null,"meta":null,
                 "config":null,"logs":null,"input":null,"detail":null,"error":null}
                """.formatted(ID));

        assertThat(job.videoUrls()).isEmpty();
        assertThat(job.availableActions().isEmpty()).isTrue();
        assertThat(job.usage().frozen()).isZero();
        assertThat(job.callback()).isEmpty();
    }

    @Test
    void logsMayHoldStringsOrObjects() {
        Job job = read("""
                {"job_id":"%s","task_type":"video_diffusion","status":"processing",
                 "logs":["queued",{"at":"2025-10-21T10:51:47Z","msg":"started"}]}
                """.formatted(ID));

        assertThat(job.status().state()).isEqualTo(JobStatus.State.PROCESSING);
    }

    @Test
    void imageJobOutputAndFlagActionsAreRead() {
        Job job = read(Payloads.completedImage(ID));

        assertThat(job.taskType().isImage()).isTrue();
        assertThat(job.imageUrls()).hasSize(4);
        assertThat(job.imageGridUrl()).hasValue(URI.create("https://cdn.legnext.ai/temp/grid.png"));
        assertThat(job.availableActions().flags()).containsExactly("reroll");
        assertThat(job.availableActions().indicesFor("variation"))
                .hasValueSatisfying(i -> assertThat(i).containsExactly(0, 1, 2, 3));
    }

    @Test
    void theEchoedCallbackIsRead() {
        Job job = read("""
                {"job_id":"%s","task_type":"video_diffusion","status":"pending",
                 "config":{"service_mode":"public","webhook_config":{"endpoint":"https://hooks.example.com/l","secret":""}}}
                """.formatted(ID));

        assertThat(job.callback())
                .hasValueSatisfying(c -> assertThat(c.toString()).isEqualTo("https://hooks.example.com/l"));
    }

    @Test
    void aResultUrlWithASpaceIsKeptEncoded() {
        Job job = read("""
                {"job_id":"%s","task_type":"video_diffusion","status":"completed",
                 "output":{"video_urls":["https://cdn.legnext.ai/temp/a b.mp4?Expires=1&Signature=x"]}}
                """.formatted(ID));

        assertThat(job.videoUrls())
                .containsExactly(URI.create("https://cdn.legnext.ai/temp/a%20b.mp4?Expires=1&Signature=x"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"job_id\":\"\",\"status\":\"failed\"}",
                "{\"status\":\"pending\"}",
                "null",
                "[1,2]",
                "not json"
            })
    void aBodyWithoutAUsableJobIdIsRefused(String body) {
        assertThatThrownBy(() -> read(body))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> PlainWords.assertNoClassName(e.getMessage()));
    }

    @Test
    void aJobIdThatIsNotAUuidIsRefusedNamingTheFieldAndItsValue() {
        assertThatThrownBy(() -> read("{\"job_id\":\"job-123\",\"status\":\"pending\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a task object: 'job_id' is 'job-123', which is not a UUID");
    }

    @Test
    void aNumberWhereAJobIdBelongsIsShownAsTheNumberItIs() {
        assertThatThrownBy(() -> read("{\"job_id\":42,\"status\":\"pending\"}"))
                .hasMessage("not a task object: 'job_id' is 42, which is not a UUID");
    }

    @Test
    void aFieldOfTheWrongKindIsRefusedNamingItsPathAndValue() {
        assertThatThrownBy(() ->
                        read(Payloads.pending(ID, "video_diffusion").replace("\"frozen\":480", "\"frozen\":\"lots\"")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a task object: 'meta.usage.frozen' is 'lots', which is not a whole number");
    }

    @Test
    void aTaskThatIsNotAnObjectIsRefusedSayingWhatItIs() {
        assertThatThrownBy(() -> read("[1,2]"))
                .hasMessage("not a task object: the body is a list where an object" + " was expected");
    }
}
