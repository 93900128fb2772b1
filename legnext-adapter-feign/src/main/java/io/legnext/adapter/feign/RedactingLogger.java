package io.legnext.adapter.feign;

import feign.slf4j.Slf4jLogger;

/**
 * Feign's SLF4J logger, minus the API key: the {@code x-api-key} header is never logged, and any text that still
 * contains the key is masked before it reaches SLF4J.
 */
final class RedactingLogger extends Slf4jLogger {

    static final String API_KEY_HEADER = "x-api-key";
    private static final String MASK = "[redacted]";

    private final String secret;

    RedactingLogger(ApiKey key) {
        super("io.legnext.adapter.feign.http");
        this.secret = key.reveal();
    }

    @Override
    protected boolean shouldLogRequestHeader(String header) {
        return !API_KEY_HEADER.equalsIgnoreCase(header);
    }

    @Override
    protected void log(String configKey, String format, Object... args) {
        // Format first, then mask: the key cannot slip through however Feign splits a line into arguments.
        String line = String.format(format, args);
        super.log(configKey, "%s", line.contains(secret) ? line.replace(secret, MASK) : line);
    }
}
