package io.legnext.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.legnext.core.job.JobId;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mock's API over real HTTP on 127.0.0.1: paths, shapes, statuses; every answer conforms to api-spec. */
class MockServerApiTest {

    private final MockFixture mock = new MockFixture(7);

    @AfterEach
    void everyAnswerConformedToTheSpec() {
        mock.close();
        mock.conformance.assertEveryAnswerConformed();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JsonBody.MAPPER.readTree(r.body());
    }

    @Test
    void aSubmitAnswersAPendingSnakeCaseTaskThatALookupFindsAndThatCompletesInVirtualTime() throws Exception {
        HttpResponse<String> submitted = mock.send(
                "POST",
                "/api/v1/video-diffusion",
                "{\"prompt\":\"https://example.com/cat.jpg a cat walks\",\"videoType\":1,"
                        + "\"callback\":\"https://hooks.example.com/legnext\"}");

        assertThat(submitted.statusCode()).isEqualTo(200);
        assertThat(submitted.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode task = json(submitted);
        assertThat(task.get("task_type").asText()).isEqualTo("video_diffusion");
        assertThat(task.get("status").asText()).isEqualTo("pending");
        assertThat(task.at("/config/webhook_config/endpoint").asText()).isEqualTo("https://hooks.example.com/legnext");
        assertThat(task.at("/meta/usage/frozen").asLong()).isEqualTo(480);
        assertThat(task.at("/error/code").asInt()).isZero();
        String id = task.get("job_id").asText();

        mock.time.advance(Duration.ofMinutes(10));
        JsonNode done = json(mock.send("GET", "/api/v1/job/" + id, null));

        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.at("/output/video_urls")).hasSize(4);
        assertThat(done.at("/meta/usage/consume").asLong()).isEqualTo(480);
    }

    @Test
    void extendAndUpscaleOfACompletedVideoJobAreAccepted() throws Exception {
        JobId video = mock.fake.seedCompletedVideoJob();

        JsonNode extend = json(mock.send(
                "POST",
                "/api/v1/extend-video",
                "{\"jobId\":\"" + video + "\",\"videoNo\":1,\"prompt\":\"the fox leaps\"}"));
        JsonNode upscale =
                json(mock.send("POST", "/api/v1/video-upscale", "{\"jobId\":\"" + video + "\",\"videoNo\":0}"));

        assertThat(extend.get("task_type").asText()).isEqualTo("extend_video");
        assertThat(upscale.get("task_type").asText()).isEqualTo("video_upscale");
    }

    @Test
    void animatingAnImageOfAnImageJobIsAccepted() throws Exception {
        JobId image = mock.fake.seedCompletedImageJob();

        HttpResponse<String> r =
                mock.send("POST", "/api/v1/video-diffusion", "{\"jobId\":\"" + image + "\",\"imageNo\":2}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("task_type").asText()).isEqualTo("video_diffusion");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/v1/video-upscale | {\"jobId\":\"8201cd3e-1234-4d5e-9f00-0123456789ab\",\"videoNo\":5} | videoNo"
                        + " | 'videoNo' must be between 0 and 3, was 5",
                "/api/v1/video-diffusion | {\"prompt\":\"\"} | prompt | 'prompt' must be between 1 and 8192 characters",
                "/api/v1/video-diffusion | {} | prompt | 'prompt' must be present for a text-to-video request, was absent",
                "/api/v1/video-diffusion | {\"prompt\":\"a cat\",\"videoType\":2} | videoType | 'videoType' must be 0 (480p)"
                        + " or 1 (720p), was 2",
                "/api/v1/video-diffusion | {\"jobId\":\"8201cd3e-1234-4d5e-9f00-0123456789ab\"} | imageNo | 'imageNo' must"
                        + " be between 0 and 3, was absent",
                "/api/v1/video-diffusion | {\"prompt\":\"a cat\",\"callback\":\"ftp://x\"} | callback | 'callback' must be"
                        + " an absolute http or https URL",
                "/api/v1/video-diffusion | {\"prompt\":7} | prompt | 'prompt' must be a string, was 7",
                "/api/v1/video-diffusion | {\"prompt\":null} | prompt | 'prompt' must be absent or a value, not null",
                "/api/v1/video-diffusion | {\"prompt\":\"a cat\",\"seed\":1} | seed | 'seed' must be absent: the fields are"
                        + " callback, imageNo, jobId, prompt, videoType, was 1",
                "/api/v1/video-diffusion | {\"prompt\": | body | 'body' must be well-formed JSON, was text malformed",
                "/api/v1/video-diffusion | [1] | body | 'body' must be a JSON object, was [1]",
                "/api/v1/extend-video | {\"jobId\":\"not-a-uuid\",\"videoNo\":0} | jobId | 'jobId' must be",
                "/api/v1/extend-video | {\"jobId\":\"8201cd3e-1234-4d5e-9f00-0123456789ab\",\"videoNo\":1.5} | videoNo"
                        + " | 'videoNo' must be a whole number",
            })
    void anInvalidSubmitIs400NamingTheFieldTheBoundAndTheValue(String path, String body, String field, String message)
            throws Exception {
        HttpResponse<String> r = mock.send("POST", path, body);

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = json(r);
        assertThat(error.get("code").asInt()).isEqualTo(400);
        assertThat(error.get("message").asText()).isEqualTo("Invalid request parameters");
        assertThat(error.get("raw_message").asText())
                .startsWith(message)
                .doesNotContain("Nothing was sent")
                .doesNotContain("Exception");
        assertThat(error.at("/detail/field").asText()).isEqualTo(field);
        assertThat(mock.fake.jobCount()).isZero();
    }

    @Test
    void aLookupOfSomethingThatIsNotAJobIdIs400() throws Exception {
        HttpResponse<String> r = mock.send("GET", "/api/v1/job/not%20a%20uuid", null);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("raw_message").asText())
                .startsWith("'job_id' must be")
                .contains("'not a uuid'");
    }

    @Test
    void anUnknownJobIs404WithTheWrappedBody() throws Exception {
        HttpResponse<String> r = mock.send("GET", "/api/v1/job/" + JobId.random(), null);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(404);
        assertThat(json(r).at("/error/message").asText()).isEqualTo("Job not found");
    }

    @Test
    void extendingAnUnknownJobIs404() throws Exception {
        HttpResponse<String> r =
                mock.send("POST", "/api/v1/extend-video", "{\"jobId\":\"" + JobId.random() + "\",\"videoNo\":0}");

        assertThat(r.statusCode()).isEqualTo(404);
    }

    @Test
    void aMissingOrWrongKeyIs401AndTheKeyPresentedIsNeverEchoed() throws Exception {
        String canary = "lk_canary_key_must_not_come_back_42";
        HttpResponse<String> wrong = mock.send("POST", "/api/v1/video-diffusion", "{\"prompt\":\"a cat\"}", canary);
        HttpResponse<String> missing = mock.send("GET", "/api/account/balance", null, null);
        HttpResponse<String> wrongLookup = mock.send("GET", "/api/v1/job/" + JobId.random(), null, canary);

        for (HttpResponse<String> r : java.util.List.of(wrong, missing, wrongLookup)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(json(r).get("message").asText()).isEqualTo("Failed to verify api key");
            assertThat(r.body()).doesNotContain(canary).doesNotContain(MockFixture.KEY);
            assertThat(r.headers().map().toString()).doesNotContain(canary);
        }
        assertThat(mock.fake.jobCount()).isZero();
    }

    @Test
    void aSubmitTheAccountCannotPayForIs402WithTheFlatBody() throws Exception {
        mock.fake.setAvailablePoints(100);
        mock.fake.setAvailableCredits(0);

        HttpResponse<String> r = mock.send("POST", "/api/v1/video-diffusion", "{\"prompt\":\"a cat\"}");

        assertThat(r.statusCode()).isEqualTo(402);
        assertThat(json(r).get("code").asInt()).isEqualTo(402);
        assertThat(json(r).has("raw_message")).isTrue();
    }

    @Test
    void theBalanceHasTheSpecsShapeWithANumericAccountId() throws Exception {
        JsonNode b = json(mock.send("GET", "/api/account/balance", null));

        assertThat(b.get("code").asInt()).isEqualTo(200);
        assertThat(b.at("/data/account_id").isIntegralNumber()).isTrue();
        assertThat(b.at("/data/available_points").asLong()).isEqualTo(100_000);
        assertThat(b.at("/data/available_credits").asLong()).isEqualTo(678);
        assertThat(b.at("/data/balance_usd").decimalValue()).isEqualByComparingTo("100.678");
    }

    @Test
    void aWrongMethodIs405AndAnUnknownPathIs404() throws Exception {
        HttpResponse<String> get = mock.send("GET", "/api/v1/video-diffusion", null);
        HttpResponse<String> unknown = mock.send("GET", "/api/v1/jobs", null);

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).at("/error/code").asInt()).isEqualTo(404);
        // The two are outside api-spec, which has nothing to check them against; the right method still works.
        assertThat(mock.send("POST", "/api/v1/video-diffusion", "{\"prompt\":\"a cat\"}")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void anOversizedSubmitIs413WithTheWrappedBody() throws Exception {
        String prompt = "a".repeat(MockApi.MAX_SUBMIT_BYTES);

        HttpResponse<String> r = mock.send("POST", "/api/v1/video-diffusion", "{\"prompt\":\"" + prompt + "\"}");

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(413);
    }

    @Test
    void aBodyPastWhatTheServerReadsIs413InTheSameWrappedShape() throws Exception {
        String prompt = "a".repeat(2 * 1024 * 1024);

        HttpResponse<String> r = mock.send("POST", "/api/v1/video-diffusion", "{\"prompt\":\"" + prompt + "\"}");

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(413);
        assertThat(json(r).at("/error/message").asText()).contains("larger than");
        // The server's own refusal never reaches the listener: held to api-spec here, directly.
        assertThat(SpecConformance.problemsWith(new LegnextMockServer.Exchange(
                        "POST",
                        "/api/v1/video-diffusion",
                        413,
                        java.util.Map.of("Content-Type", "application/json"),
                        r.body())))
                .isEmpty();
        mock.conformance.accept(new LegnextMockServer.Exchange(
                "POST",
                "/api/v1/video-diffusion",
                413,
                java.util.Map.of("Content-Type", "application/json"),
                r.body()));
    }

    /** A new operation in api-spec fails here until the mock serves it: the contract drives the mock too. */
    @Test
    void everyOperationOfTheSpecIsServed() {
        var api = new io.swagger.v3.parser.OpenAPIV3Parser()
                .readContents(io.legnext.spec.LegnextApiSpec.text())
                .getOpenAPI();
        int operations = 0;
        for (var path : api.getPaths().entrySet()) {
            String concrete = path.getKey().replace("{job_id}", JobId.random().toString());
            for (var method : path.getValue().readOperationsMap().keySet()) {
                HttpResponse<String> r =
                        mock.send(method.name(), concrete, method.name().equals("POST") ? "{}" : null);
                assertThat(r.body()).as(method + " " + path.getKey()).doesNotContain("no such path");
                assertThat(r.statusCode())
                        .as(method + " " + path.getKey())
                        .isNotEqualTo(405)
                        .isLessThan(500);
                operations++;
            }
        }
        assertThat(operations).as("operations in api-spec").isGreaterThanOrEqualTo(5);
    }
}
