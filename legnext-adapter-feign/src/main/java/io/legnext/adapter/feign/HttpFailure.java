package io.legnext.adapter.feign;

import java.util.Optional;

/**
 * A non-2xx answer captured by the error decoder, carried unchanged to {@link ErrorTranslator}, the one place that
 * turns it into the core's exceptions.
 */
final class HttpFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String rawBody;
    private final String retryAfter;

    HttpFailure(int status, String rawBody, String retryAfter) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.rawBody = rawBody == null ? "" : rawBody;
        this.retryAfter = retryAfter;
    }

    int status() {
        return status;
    }

    String rawBody() {
        return rawBody;
    }

    Optional<String> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
