package io.legnext.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the contract allows and refuses where the vendor's typed OpenAPI file and the recorded payloads agree: the
 * two ways of asking for a video, a UUID job id on tasks, "" on task-shaped errors, an integer account id.
 */
class ContractConstraintsTest {

    private static final String JOB = "3f6c2a9e-1b7d-4e58-9c0a-5d2e8f41b7c3";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"prompt\":\"a fox in the snow\"}",
                "{\"prompt\":\"https://example.com/cat.jpg a cat walking\",\"videoType\":1}",
                "{\"jobId\":\"" + JOB + "\",\"imageNo\":2}",
                "{\"jobId\":\"" + JOB + "\",\"imageNo\":2,\"prompt\":\"the camera pulls back\"}"
            })
    void aVideoDiffusionRequestWithAPromptOrAnImageJobIsValid(String body) {
        assertThat(Contract.violations("VideoDiffusionRequest", body)).isEmpty();
    }

    @Test
    void aVideoDiffusionRequestWithNeitherAPromptNorAnImageJobIsInvalid() {
        assertThat(Contract.violations(
                        "VideoDiffusionRequest",
                        "{\"videoType\":1,\"callback\":\"https://hooks.example.com/legnext\"}"))
                .anyMatch(m -> m.contains("anyOf"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"jobId\":\"" + JOB + "\"}", "{\"imageNo\":2}"})
    void aVideoDiffusionRequestWithHalfAnImageJobIsInvalid(String body) {
        assertThat(Contract.violations("VideoDiffusionRequest", body)).anyMatch(m -> m.contains("anyOf"));
    }

    @Test
    void aTaskWithAUuidJobIdIsValid() {
        assertThat(Contract.violations("Task", "{\"job_id\":\"" + JOB + "\",\"status\":\"pending\"}"))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"job-123", "", "3f6c2a9e1b7d4e589c0a5d2e8f41b7c3"})
    void aTaskWhoseJobIdIsNotAUuidIsInvalid(String jobId) {
        assertThat(Contract.violations("Task", "{\"job_id\":\"" + jobId + "\",\"status\":\"pending\"}"))
                .anyMatch(m -> m.contains("uuid"));
    }

    @Test
    void aTaskShapedErrorBodyWithAnEmptyJobIdIsValid() {
        assertThat(Contract.violations("ErrorBody", """
                {"job_id":"","model":"midjourney","task_type":"video_diffusion","status":"failed",
                 "config":{"service_mode":"public","webhook_config":{"endpoint":"","secret":""}},
                 "input":null,"output":null,"meta":{"created_at":"","started_at":"","ended_at":""},
                 "detail":null,"logs":null,
                 "error":{"code":403,"message":"Sensitive content detected","raw_message":"","detail":null}}
                """)).isEmpty();
    }

    @Test
    void anIntegerAccountIdIsValid() {
        assertThat(Contract.violations("AccountBalance", "{\"account_id\":52,\"balance_usd\":1.5}"))
                .isEmpty();
    }

    @Test
    void aTextAccountIdIsNotWhatTheContractDescribes() {
        assertThat(Contract.violations("AccountBalance", "{\"account_id\":\"52\",\"balance_usd\":1.5}"))
                .anyMatch(m -> m.contains("integer"));
    }
}
