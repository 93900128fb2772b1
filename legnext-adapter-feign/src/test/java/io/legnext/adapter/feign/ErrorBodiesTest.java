package io.legnext.adapter.feign;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.error.ServiceError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The three error body shapes, and bodies that are not JSON at all. */
class ErrorBodiesTest {

    private final ErrorBodies bodies = new ErrorBodies(WireJson.mapper());

    @Test
    void readsTheFlatShape() {
        ServiceError e = bodies.parse(
                400,
                "{\"code\":400,\"message\":\"Invalid request parameters\","
                        + "\"raw_message\":\"videoNo out of range\",\"detail\":null}");

        assertThat(e.code()).isEqualTo(400);
        assertThat(e.message()).isEqualTo("Invalid request parameters");
        assertThat(e.rawMessage()).isEqualTo("videoNo out of range");
    }

    @Test
    void readsTheTaskShapeFromItsErrorObject() {
        ServiceError e = bodies.parse(403, Payloads.taskShapedError(10003, "sensitive content detected"));

        assertThat(e.code()).isEqualTo(10003);
        assertThat(e.message()).isEqualTo("sensitive content detected");
        assertThat(e.rawMessage()).isEqualTo("sensitive word");
    }

    @Test
    void readsTheWrappedShape() {
        ServiceError e = bodies.parse(429, Payloads.wrappedError(42901, "Too many concurrent tasks"));

        assertThat(e.code()).isEqualTo(42901);
        assertThat(e.message()).isEqualTo("Too many concurrent tasks");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "<html><h1>502 Bad Gateway</h1></html>", "{\"code\":", "[]", "\"just text\""})
    void keepsABodyThatIsNotAnErrorObjectRawWithTheStatusAsCode(String body) {
        ServiceError e = bodies.parse(502, body);

        assertThat(e.code()).isEqualTo(502);
        assertThat(e.message()).isEmpty();
        assertThat(e.rawBody()).isEqualTo(body);
    }

    @Test
    void aCodeOfZeroFallsBackToTheHttpStatus() {
        assertThat(bodies.parse(404, "{\"code\":0,\"message\":\"not found\"}").code())
                .isEqualTo(404);
    }
}
