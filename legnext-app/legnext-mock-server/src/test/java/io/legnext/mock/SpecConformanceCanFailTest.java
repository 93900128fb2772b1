package io.legnext.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The check the contract loop relies on does catch answers that break api-spec. */
class SpecConformanceCanFailTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "GET | /api/v1/job/8201cd3e-1234-4d5e-9f00-0123456789ab | 200 | {\"job_id\":\"not-a-uuid\"}",
                "GET | /api/v1/job/8201cd3e-1234-4d5e-9f00-0123456789ab | 200 | {\"status\":7}",
                "GET | /api/v1/job/8201cd3e-1234-4d5e-9f00-0123456789ab | 418 | {\"code\":418}",
                "GET | /api/account/balance | 200 | {\"data\":{\"account_id\":\"fake-account\"}}",
                "POST | /api/v1/video-diffusion | 200 | [1,2]",
                "POST | /api/v1/video-diffusion | 405 | {\"code\":405}",
                "POST | /api/v1/jobs | 200 | {}",
            })
    void anAnswerOutsideTheContractIsReported(String method, String path, int status, String body) {
        LegnextMockServer.Exchange e =
                new LegnextMockServer.Exchange(method, path, status, Map.of("Content-Type", "application/json"), body);

        assertThat(SpecConformance.problemsWith(e)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "GET | /api/v1/job/8201cd3e-1234-4d5e-9f00-0123456789ab | 404 | {\"error\":{\"code\":404,\"message\":\"x\"}}",
                "GET | /api/account/balance | 200 | {\"code\":200,\"data\":{\"account_id\":52}}",
            })
    void anAnswerInsideTheContractIsNot(String method, String path, int status, String body) {
        LegnextMockServer.Exchange e =
                new LegnextMockServer.Exchange(method, path, status, Map.of("Content-Type", "application/json"), body);

        assertThat(SpecConformance.problemsWith(e)).isEmpty();
    }
}
