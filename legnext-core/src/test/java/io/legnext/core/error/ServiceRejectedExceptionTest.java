package io.legnext.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceRejectedExceptionTest {

    private static final String ATTEMPTED = "Submitting a video-diffusion job";

    static Stream<Arguments> rejections() {
        return Stream.of(
                rejection(401, "Failed to verify api key", AuthenticationException::new, "Check the API key"),
                rejection(402, "Insufficient credits", InsufficientCreditsException::new, "Top up the balance"),
                rejection(403, "Sensitive content detected", ForbiddenException::new, "Change the prompt or image"),
                rejection(404, "Job not found", NotFoundException::new, "Check the job id"),
                rejection(400, "Invalid request parameters", InvalidParametersException::new, "Fix the parameters"),
                rejection(413, "Payload too large", InvalidParametersException::new, "Fix the parameters"),
                rejection(422, "Unprocessable entity", InvalidParametersException::new, "Fix the parameters"));
    }

    private static Arguments rejection(
            int status,
            String message,
            BiFunction<String, ServiceError, ServiceRejectedException> constructor,
            String advice) {
        return Arguments.of(status, message, constructor, advice);
    }

    private static ServiceError error(int status, String message) {
        return new ServiceError(
                status,
                status,
                message,
                "",
                "{\"code\":" + status + ",\"message\":\"" + message + "\",\"raw_message\":\"\",\"detail\":null}");
    }

    @ParameterizedTest
    @MethodSource("rejections")
    void messageSaysWhatWasAttemptedWhatCameBackAndWhatToDo(
            int status,
            String message,
            BiFunction<String, ServiceError, ServiceRejectedException> constructor,
            String advice) {
        ServiceRejectedException e = constructor.apply(ATTEMPTED, error(status, message));

        assertThat(e)
                .hasMessageStartingWith(ATTEMPTED + " was rejected: HTTP " + status + ": " + message + ". ")
                .hasMessageContaining(advice);
    }

    @ParameterizedTest
    @MethodSource("rejections")
    void keepsHttpStatusCodeMessageAndRawBody(
            int status,
            String message,
            BiFunction<String, ServiceError, ServiceRejectedException> constructor,
            String advice) {
        ServiceError error = error(status, message);

        ServiceRejectedException e = constructor.apply(ATTEMPTED, error);

        assertThat(e.httpStatus()).hasValue(status);
        assertThat(e.rawBody()).contains(error.rawBody());
        assertThat(e.serviceCode()).isEqualTo(status);
        assertThat(e.serviceMessage()).isEqualTo(message);
        assertThat(e.error()).isSameAs(error);
    }

    @Test
    void rateLimitedCarriesTheRetryHint() {
        RateLimitedException e =
                new RateLimitedException(ATTEMPTED, error(429, "Too many requests"), Duration.ofSeconds(30));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(e).hasMessageEndingWith("Retry after 30 s.");
        assertThat(e.httpStatus()).hasValue(429);
    }

    @Test
    void rateLimitedWithoutHintSaysToWaitForARunningJob() {
        RateLimitedException e = new RateLimitedException(ATTEMPTED, error(429, "Too many requests"), null);

        assertThat(e.retryAfter()).isEmpty();
        assertThat(e).hasMessageContaining("about 6 jobs at once");
    }

    @Test
    void unexpectedResponseKeepsStatusBodyAndCause() {
        IllegalArgumentException cause = new IllegalArgumentException("not JSON");

        UnexpectedResponseException e =
                new UnexpectedResponseException("Reading job x answered HTML", 200, "<html>", cause);

        assertThat(e.httpStatus()).hasValue(200);
        assertThat(e.rawBody()).contains("<html>");
        assertThat(e).hasCause(cause).hasMessage("Reading job x answered HTML");
    }

    @Test
    void notFoundTakesAdviceThatFitsWhatWasAttempted() {
        NotFoundException e = new NotFoundException(
                ATTEMPTED, error(404, "Not Found"), "Check the base URL (https://api.legnext.ai).");

        assertThat(e)
                .hasMessage(ATTEMPTED + " was rejected: HTTP 404: Not Found. Check the base URL"
                        + " (https://api.legnext.ai).");
        assertThat(e.getMessage()).doesNotContain(NotFoundException.ADVICE);
    }
}
