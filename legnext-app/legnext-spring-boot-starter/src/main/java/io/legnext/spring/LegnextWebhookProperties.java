package io.legnext.spring;

import static io.legnext.spring.LegnextProperties.DEFAULT_WEBHOOK_PATH;
import static io.legnext.spring.LegnextProperties.PREFIX;

/** The callback endpoint (Spring MVC). */
public class LegnextWebhookProperties {
    /** Where the service POSTs callbacks. */
    private String path = DEFAULT_WEBHOOK_PATH;

    /**
     * The secret deliveries are signed with (HMAC-SHA256); on the fake without one, a random secret is made for
     * the run and the fake signs with it.
     */
    private String secret;

    /** Whether the endpoint is served; default: when a secret is set, or on the fake. */
    private Boolean enabled;

    /** Whether a signed delivery without {@code X-Legnext-Timestamp} is refused (401). */
    private boolean requireTimestamp;

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isRequireTimestamp() {
        return requireTimestamp;
    }

    public void setRequireTimestamp(boolean requireTimestamp) {
        this.requireTimestamp = requireTimestamp;
    }

    /** Whether a secret is set (not empty). */
    public boolean hasSecret() {
        return secret != null && !secret.isEmpty();
    }

    void check() {
        String name = PREFIX + ".webhook.path";
        if (path == null
                || !path.startsWith("/")
                || path.length() < 2
                || path.contains("*")
                || path.contains("{")
                || path.chars().anyMatch(Character::isWhitespace)) {
            throw new LegnextPropertiesException(
                    name,
                    "'" + name + "' must be a path below the root starting"
                            + " with '/', without spaces, wildcards or variables, was '" + path + "'");
        }
        if (requireTimestamp && !hasSecret() && Boolean.TRUE.equals(enabled)) {
            throw new LegnextPropertiesException(
                    PREFIX + ".webhook.require-timestamp",
                    "'" + PREFIX
                            + ".webhook.require-timestamp' needs legnext.webhook.secret: nothing would vouch for the"
                            + " timestamp");
        }
    }

    @Override
    public String toString() {
        return "Webhook[path=" + path + ", secret=" + (hasSecret() ? "[set]" : "[not set]") + ", enabled=" + enabled
                + "]";
    }
}
