package io.legnext.core.error;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test helper: asserts that a call breaks a local rule and hands back the exception to inspect. */
public final class Rejections {

    private Rejections() {}

    /** Fails unless {@code call} throws {@link InvalidRequestException}; answers it. */
    public static InvalidRequestException rejection(ThrowingCallable call) {
        return assertThatExceptionOfType(InvalidRequestException.class)
                .isThrownBy(call)
                .actual();
    }
}
