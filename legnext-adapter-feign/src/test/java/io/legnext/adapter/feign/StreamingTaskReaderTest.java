package io.legnext.adapter.feign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.legnext.adapter.feign.generated.model.Task;
import io.legnext.core.secret.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming reader reads every task the data binding reads, into the same job, and leaves to the binding every
 * body it would read differently: each recorded payload and a catalogue of odd variants of it (fields of another
 * kind, nulls, huge numbers, duplicate and unknown fields, broken JSON) go through both, and whatever the reader
 * takes must become the job the binding's task becomes, or fail with the same message.
 */
class StreamingTaskReaderTest {

    private static final String ID = "8201cd3e-1234-4d5e-9f00-0123456789ab";
    private static final ObjectMapper MAPPER = WireJson.mapper();
    private static final StreamingTaskReader READER = new StreamingTaskReader(MAPPER.getFactory());

    /** Replacements applied one at a time to the recorded completed video job. */
    private static final String[][] VARIANTS = {
        {"\"status\":\"completed\"", "\"status\":5"},
        {"\"status\":\"completed\"", "\"status\":null"},
        {"\"status\":\"completed\"", "\"status\":true"},
        {"\"status\":\"completed\"", "\"status\":\"failed\""},
        {"\"status\":\"completed\"", "\"status\":\"completed\",\"status\":\"failed\""},
        {"\"job_id\":\"" + ID + "\"", "\"job_id\":\"" + ID.toUpperCase(java.util.Locale.ROOT) + "\""},
        {"\"job_id\":\"" + ID + "\"", "\"job_id\":\"job-123\""},
        {"\"job_id\":\"" + ID + "\"", "\"job_id\":42"},
        {"\"job_id\":\"" + ID + "\"", "\"job_id\":\"\""},
        {"\"job_id\":\"" + ID + "\"", "\"job_id\":null"},
        {"\"job_id\":\"" + ID + "\"", "\"job_id\":\"AAAAAAAAAAAAAAAAAAAAAA==\""},
        {"\"job_id\":\"" + ID + "\"", "\"job_id\":\"1-1-1-1-1\""},
        {"\"job_id\":\"" + ID + "\"", "\"job_id\":\"8201cd3e-1234-4d5e-9f00-0123456789a\u0663\""},
        {"\"job_id\":\"" + ID + "\"", "\"job_id\":\"8201cd3e+1234-4d5e-9f00-0123456789ab\""},
        {"\"job_id\":\"" + ID + "\"", "\"job_id\":[\"" + ID + "\"]"},
        {"\"frozen\":480", "\"frozen\":480.0"},
        {"\"frozen\":480", "\"frozen\":480.7"},
        {"\"frozen\":480", "\"frozen\":\"480\""},
        {"\"frozen\":480", "\"frozen\":\"lots\""},
        {"\"frozen\":480", "\"frozen\":99999999999"},
        {"\"frozen\":480", "\"frozen\":99999999999999999999999"},
        {"\"frozen\":480", "\"frozen\":1e3"},
        {"\"frozen\":480", "\"frozen\":null"},
        {"\"frozen\":480", "\"frozen\":-5"},
        {"\"code\":0", "\"code\":\"0\""},
        {"\"code\":0", "\"code\":0.5"},
        {"\"code\":0", "\"code\":null"},
        {"\"code\":0", "\"code\":99999999999"},
        {"\"message\":\"\"", "\"message\":7"},
        {"\"message\":\"\"", "\"message\":{\"a\":1}"},
        {"\"video_urls\":[", "\"video_urls\":null,\"x\":["},
        {"\"video_urls\":[", "\"video_urls\":\"https://a\",\"x\":["},
        {"\"video_urls\":[", "\"video_urls\":[1,2],\"x\":["},
        {"\"video_urls\":[", "\"video_urls\":[null,\"https://a b\", \" \"],\"x\":["},
        {"\"video_urls\":[", "\"video_urls\":{},\"x\":["},
        {"\"video_urls\":[", "\"video_urls\":[[\"https://a\"]],\"x\":["},
        {"\"available_actions\":{", "\"available_actions\":null,\"x\":{"},
        {"\"available_actions\":{", "\"available_actions\":[],\"x\":{"},
        {"\"available_actions\":{", "\"available_actions\":\"\",\"x\":{"},
        {
            "\"available_actions\":{",
            "\"available_actions\":{\"vary\":[0,1.5,\"x\",null,[1],{},true],\"reroll\":true,\"pan\":false,"
                    + "\"zoom\":null,\"y\":{\"a\":[1]},\"z\":\"yes\","
        },
        {"\"available_actions\":{", "\"available_actions\":{\"vary\":[99999999999],"},
        {"\"available_actions\":{", "\"available_actions\":{\"vary\":[99999999999999999999999],"},
        {"\"available_actions\":{", "\"available_actions\":{\"extend\":[9],"},
        {"\"available_actions\":{\"extend\":[0,1,2,3],\"upscale\":[0,1,2,3]}", "\"available_actions\":{}"},
        {"\"seed\":\"1723670005\"", "\"seed\":1723670005"},
        {"\"seed\":\"1723670005\"", "\"seed\":null"},
        {"\"output\":{", "\"output\":null,\"x\":{"},
        {"\"output\":{", "\"output\":\"\",\"x\":{"},
        {"\"output\":{", "\"output\":[],\"x\":{"},
        {"\"meta\":{", "\"meta\":null,\"x\":{"},
        {"\"meta\":{", "\"meta\":5,\"x\":{"},
        {"\"usage\":{", "\"usage\":null,\"x\":{"},
        {"\"usage\":{", "\"usage\":[],\"x\":{"},
        {"\"created_at\":\"2025-10-21T10:51:46Z\"", "\"created_at\":1761043906"},
        {"\"created_at\":\"2025-10-21T10:51:46Z\"", "\"created_at\":\"\""},
        {"\"created_at\":\"2025-10-21T10:51:46Z\"", "\"created_at\":\"2025-10-21T10:51:46.123456789+02:00\""},
        {"\"logs\":null", "\"logs\":[\"a\",{\"b\":[1]}]"},
        {"\"logs\":null", "\"logs\":{\"a\":1}"},
        {"\"logs\":null", "\"logs\":\"x\""},
        {"\"logs\":null", "\"logs\":\"\""},
        {"\"input\":null", "\"input\":{\"prompt\":[1,{\"x\":null}]}"},
        {"\"input\":null", "\"input\":\"x\""},
        {"\"detail\":null,\"logs\"", "\"detail\":[1,2],\"logs\""},
        {"\"endpoint\":\"\"", "\"endpoint\":\"https://example.com/cb\""},
        {"\"endpoint\":\"\"", "\"endpoint\":\"not a url\""},
        {"\"endpoint\":\"\"", "\"endpoint\":5"},
        {"\"secret\":\"\"", "\"secret\":5"},
        {"\"service_mode\":\"public\"", "\"service_mode\":{}"},
        {"\"webhook_config\":{", "\"webhook_config\":null,\"x\":{"},
        {"\"config\":{", "\"config\":null,\"x\":{"},
        {"\"model\":\"midjourney\"", "\"model\":[1]"},
        {"\"model\":\"midjourney\"", "\"model\":null"},
        {"\"queue_position\":0}", "\"queue_position\":0,\"zzz\":{\"a\":[1,{\"b\":2}]}}"},
        {"\"queue_position\":0}", "\"queue_position\":0} trailing"},
        {"\"queue_position\":0}", "\"queue_position\":0"},
        {"\"queue_position\":0}", "\"queue_position\":0,}"},
        {"\"queue_position\":0}", "\"queue_position\":0,\"output\":null}"},
    };

    static Stream<String> bodies() {
        List<String> all = new ArrayList<>(List.of(
                Payloads.pending(ID, "video_diffusion"),
                Payloads.pending(ID, "extend_video"),
                Payloads.completedVideo(ID),
                Payloads.completedImage(ID),
                Payloads.failed(ID, 10003, "sensitive content"),
                Payloads.taskShapedError(403, "sensitive content"),
                "{\"job_id\":\"" + ID + "\",\"status\":\"pending\"}",
                "{\"job_id\":\"" + ID + "\"}",
                "{}",
                "[]",
                "[1,2]",
                "null",
                "\"text\"",
                "42",
                "{\"job_id\": ",
                "not json"));
        String recorded = Payloads.completedVideo(ID);
        for (String[] variant : VARIANTS) {
            assertThat(recorded).as("the variant's anchor").contains(variant[0]);
            all.add(recorded.replace(variant[0], variant[1]));
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void whatTheReaderTakesBecomesTheJobTheBindingsTaskBecomes(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Task streamed = READER.read(body);
        if (streamed == null) {
            return; // the binding reads it, as before
        }
        Task bound;
        try {
            bound = MAPPER.readValue(body, Task.class);
        } catch (Exception e) {
            throw new AssertionError("the reader took a body the binding refuses: " + json, e);
        }
        assertThat(outcome(streamed)).as(json).isEqualTo(outcome(bound));
    }

    @Test
    void everyRecordedPayloadIsReadWithoutTheBinding() {
        assertThat(Stream.of(
                        Payloads.pending(ID, "video_diffusion"),
                        Payloads.completedVideo(ID),
                        Payloads.completedImage(ID),
                        Payloads.failed(ID, 10003, "sensitive content")))
                .allSatisfy(json -> assertThat(READER.read(json.getBytes(StandardCharsets.UTF_8)))
                        .as(json)
                        .isNotNull());
    }

    @Test
    void bodiesOfAnotherKindAreLeftToTheBinding() {
        assertThat(Stream.of("[1,2]", "null", "{\"job_id\":42}", "{\"job_id\":\"job-123\"}", "{\"job_id\": "))
                .allSatisfy(json -> assertThat(READER.read(json.getBytes(StandardCharsets.UTF_8)))
                        .as(json)
                        .isNull());
    }

    /** The job a task becomes, or the message mapping it fails with. */
    private static Object outcome(Task task) {
        try {
            return TaskMapper.toDomain(task, Redactor.URL_CREDENTIALS);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
