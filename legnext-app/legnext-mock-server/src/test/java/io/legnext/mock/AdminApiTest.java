package io.legnext.mock;

import static io.legnext.mock.MockServerApiTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each admin endpoint over real HTTP on 127.0.0.1, and its effect seen through the API, whose every answer conforms
 * to api-spec (the faults' answers included).
 */
class AdminApiTest {

    private static final String SUBMIT = "/api/v1/video-diffusion";
    private static final String PROMPT = "{\"prompt\":\"https://example.com/cat.jpg a cat walks\"}";

    private final MockFixture mock = new MockFixture(11);

    @AfterEach
    void everyAnswerConformedToTheSpec() {
        mock.close();
        mock.conformance.assertEveryAnswerConformed();
    }

    private JsonNode admin(String method, String path, String body) throws Exception {
        HttpResponse<String> r = mock.send(method, "/__admin" + path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return json(r);
    }

    @Test
    void healthAnswersWithoutAKey() throws Exception {
        HttpResponse<String> r = mock.send("GET", "/__admin/health", null, null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("status").asText()).isEqualTo("ok");
        assertThat(mock.send("GET", "/api/account/balance", null, null).statusCode())
                .as("the API still needs it")
                .isEqualTo(401);
    }

    @Test
    void everyOtherAdminPathNeedsTheKey() throws Exception {
        HttpResponse<String> r = mock.send("POST", "/__admin/faults/rate-limit", "{}", "lk_wrong");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).doesNotContain("lk_wrong");
        assertThat(mock.send("POST", SUBMIT, PROMPT).statusCode()).isEqualTo(200);
    }

    @Test
    void rateLimitAnswersTheNextSubmit429WithRetryAfterOnce() throws Exception {
        assertThat(admin("POST", "/faults/rate-limit", "{\"retryAfterSeconds\":30}")
                        .get("armed")
                        .asText())
                .isEqualTo("rate-limit");

        HttpResponse<String> limited = mock.send("POST", SUBMIT, PROMPT);
        HttpResponse<String> next = mock.send("POST", SUBMIT, PROMPT);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(json(limited).get("code").asInt()).isEqualTo(429);
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(mock.fake.jobCount()).isEqualTo(1);
    }

    @Test
    void rateLimitWithoutAHintSendsNoRetryAfter() throws Exception {
        admin("POST", "/faults/rate-limit", null);

        HttpResponse<String> limited = mock.send("POST", SUBMIT, PROMPT);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void submitUnavailableCreatesTheJobAndAnswers503() throws Exception {
        admin("POST", "/faults/submit-unavailable", "{}");

        HttpResponse<String> r = mock.send("POST", SUBMIT, PROMPT);

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(503);
        assertThat(mock.fake.jobCount())
                .as("the job exists: the answer was lost")
                .isEqualTo(1);
    }

    @Test
    void lookupUnavailableAnswersTheNextLookup503Once() throws Exception {
        String id = mock.fake.seedCompletedVideoJob().toString();
        admin("POST", "/faults/lookup-unavailable", "");

        assertThat(mock.send("GET", "/api/v1/job/" + id, null).statusCode()).isEqualTo(503);
        assertThat(mock.send("GET", "/api/v1/job/" + id, null).statusCode()).isEqualTo(200);
    }

    @Test
    void slowLookupStillAnswers() throws Exception {
        String id = mock.fake.seedCompletedVideoJob().toString();
        admin("POST", "/faults/slow-lookup", "{\"delayMillis\":1}");

        assertThat(mock.send("GET", "/api/v1/job/" + id, null).statusCode()).isEqualTo(200);
    }

    @Test
    void failNextJobFailsTheNextAcceptedJobWithTheCodeAndMessage() throws Exception {
        admin(
                "POST",
                "/faults/fail-next-job",
                "{\"code\":10001,\"message\":\"The prompt was flagged\"," + "\"rawMessage\":\"flagged upstream\"}");
        String id = json(mock.send("POST", SUBMIT, PROMPT)).get("job_id").asText();

        mock.time.advance(Duration.ofMinutes(10));
        HttpResponse<String> r = mock.send("GET", "/api/v1/job/" + id, null);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode task = json(r);
        assertThat(task.get("status").asText()).isEqualTo("failed");
        assertThat(task.at("/error/code").asInt()).isEqualTo(10001);
        assertThat(task.at("/error/message").asText()).isEqualTo("The prompt was flagged");
        assertThat(task.at("/error/raw_message").asText()).isEqualTo("flagged upstream");
    }

    @Test
    void refuseContentAnswersTheNextSubmit403TaskShaped() throws Exception {
        admin("POST", "/faults/refuse-content", "{\"rawMessage\":\"Banned prompt detected\"}");

        HttpResponse<String> r = mock.send("POST", SUBMIT, PROMPT);

        assertThat(r.statusCode()).isEqualTo(403);
        JsonNode body = json(r);
        assertThat(body.get("job_id").asText()).isEmpty();
        assertThat(body.get("status").asText()).isEqualTo("failed");
        assertThat(body.at("/error/code").asInt()).isEqualTo(403);
        assertThat(body.at("/error/raw_message").asText()).isEqualTo("Banned prompt detected");
        assertThat(mock.fake.jobCount()).isZero();
    }

    @Test
    void deletingTheFaultsDisarmsThoseNotYetStruck() throws Exception {
        admin("POST", "/faults/rate-limit", "{}");
        admin("POST", "/faults/submit-unavailable", "{}");

        assertThat(admin("DELETE", "/faults", null).get("cleared").asText()).isEqualTo("faults");

        assertThat(mock.send("POST", SUBMIT, PROMPT).statusCode()).isEqualTo(200);
    }

    @Test
    void theBalanceCanBeSetSoThatTheNextSubmitIs402() throws Exception {
        JsonNode set = admin("POST", "/balance", "{\"points\":0,\"credits\":0}");

        assertThat(set.get("available_points").asLong()).isZero();
        assertThat(mock.send("POST", SUBMIT, PROMPT).statusCode()).isEqualTo(402);
        admin("POST", "/balance", "{\"credits\":480}");
        assertThat(mock.send("POST", SUBMIT, PROMPT).statusCode()).isEqualTo(200);
        assertThat(json(mock.send("GET", "/api/account/balance", null))
                        .at("/data/available_credits")
                        .asLong())
                .isZero();
    }

    @Test
    void seededJobsAreThereToExtendUpscaleAndAnimate() throws Exception {
        String video =
                admin("POST", "/jobs/completed-video", null).get("job_id").asText();
        String image = admin("POST", "/jobs/completed-image", "{\"images\":2}")
                .get("job_id")
                .asText();
        String running =
                admin("POST", "/jobs/running-image", null).get("job_id").asText();

        assertThat(json(mock.send("GET", "/api/v1/job/" + video, null))
                        .get("status")
                        .asText())
                .isEqualTo("completed");
        assertThat(mock.send("POST", "/api/v1/extend-video", "{\"jobId\":\"" + video + "\",\"videoNo\":3}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(mock.send("POST", SUBMIT, "{\"jobId\":\"" + image + "\",\"imageNo\":1}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(mock.send("POST", SUBMIT, "{\"jobId\":\"" + image + "\",\"imageNo\":3}")
                        .statusCode())
                .as("the image job has two images")
                .isEqualTo(400);
        assertThat(json(mock.send("GET", "/api/v1/job/" + running, null))
                        .get("status")
                        .asText())
                .isNotEqualTo("completed");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/faults/rate-limit | {\"retryAfterSeconds\":-1} | retryAfterSeconds",
                "/faults/rate-limit | {\"retryAfter\":1} | retryAfter",
                "/faults/slow-lookup | {} | delayMillis",
                "/faults/slow-lookup | {\"delayMillis\":999999999} | delayMillis",
                "/faults/fail-next-job | {\"code\":\"x\"} | code",
                "/faults/submit-unavailable | {\"now\":true} | now",
                "/balance | {} | points",
                "/balance | {\"points\":-5} | points",
                "/jobs/completed-image | {\"images\":5} | images",
                "/faults/refuse-content | not json | body",
            })
    void badAdminInputIs400NamingTheField(String path, String body, String field) throws Exception {
        HttpResponse<String> r = mock.send("POST", "/__admin" + path, body);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).at("/detail/field").asText()).isEqualTo(field);
        assertThat(json(r).get("raw_message").asText()).startsWith("'" + field + "' must be");
        assertThat(mock.send("POST", SUBMIT, PROMPT).statusCode())
                .as("nothing was armed")
                .isEqualTo(200);
    }

    @Test
    void anUnknownAdminPathIs404AndAWrongMethod405() throws Exception {
        assertThat(mock.send("POST", "/__admin/faults/everything", "{}").statusCode())
                .isEqualTo(404);
        assertThat(mock.send("GET", "/__admin/faults/rate-limit", null).statusCode())
                .isEqualTo(405);
        assertThat(mock.send("POST", "/__admin/health", "{}").statusCode()).isEqualTo(405);
        assertThat(mock.send("GET", "/api/account/balance", null).statusCode()).isEqualTo(200);
    }
}
