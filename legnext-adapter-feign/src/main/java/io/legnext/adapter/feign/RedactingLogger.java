package io.legnext.adapter.feign;

import feign.slf4j.Slf4jLogger;
import io.legnext.core.secret.Redactor;

/**
 * Feign's SLF4J logger, minus the API key. The key is added below Feign ({@link JdkHttpClient}), so the requests
 * Feign logs never carry it; should one carry the header anyway it is not logged, and any text that still contains
 * the key (as sent, JSON- or URL-encoded, e.g. echoed in an answer's body or headers) or URL credentials is masked
 * by the project's one {@link Redactor} before it reaches SLF4J.
 */
final class RedactingLogger extends Slf4jLogger {

    private final Redactor redactor;

    RedactingLogger(Redactor redactor) {
        super("io.legnext.adapter.feign.http");
        this.redactor = redactor;
    }

    @Override
    protected boolean shouldLogRequestHeader(String header) {
        return !JdkHttpClient.API_KEY_HEADER.equalsIgnoreCase(header);
    }

    @Override
    protected void log(String configKey, String format, Object... args) {
        // Format first, then mask: the key cannot slip through however Feign splits a line into arguments.
        String line = String.format(format, args);
        super.log(configKey, "%s", redactor.redact(line));
    }
}
