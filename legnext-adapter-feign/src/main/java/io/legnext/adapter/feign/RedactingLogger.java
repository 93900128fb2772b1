package io.legnext.adapter.feign;

import feign.slf4j.Slf4jLogger;

/**
 * Feign's SLF4J logger, minus the API key. The key is added below Feign ({@link JdkHttpClient}), so the requests
 * Feign logs never carry it; should one carry the header anyway it is not logged, and any text that still contains
 * the key is masked before it reaches SLF4J.
 */
final class RedactingLogger extends Slf4jLogger {

    private static final String MASK = "[redacted]";

    private final String secret;

    RedactingLogger(ApiKey key) {
        super("io.legnext.adapter.feign.http");
        this.secret = key.reveal();
    }

    @Override
    protected boolean shouldLogRequestHeader(String header) {
        return !JdkHttpClient.API_KEY_HEADER.equalsIgnoreCase(header);
    }

    @Override
    protected void log(String configKey, String format, Object... args) {
        // Format first, then mask: the key cannot slip through however Feign splits a line into arguments.
        String line = String.format(format, args);
        super.log(configKey, "%s", line.contains(secret) ? line.replace(secret, MASK) : line);
    }
}
