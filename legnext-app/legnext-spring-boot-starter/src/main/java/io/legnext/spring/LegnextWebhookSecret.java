package io.legnext.spring;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The secret the webhook endpoint verifies with: {@code legnext.webhook.secret}, or on the fake without one a random
 * secret made for the run, which the fake signs its callbacks with. {@link #toString()} never shows it.
 *
 * @param value the secret, or empty when deliveries are accepted unsigned
 * @param generated whether it was made for this run
 */
public record LegnextWebhookSecret(Optional<String> value, boolean generated) {

    /** The secret from the properties, or a random one for the fake. */
    static LegnextWebhookSecret of(LegnextProperties properties) {
        if (properties.getWebhook().hasSecret()) {
            return new LegnextWebhookSecret(Optional.of(properties.getWebhook().getSecret()), false);
        }
        if (properties.resolvedAdapter() == LegnextProperties.Adapter.FAKE) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return new LegnextWebhookSecret(Optional.of(HexFormat.of().formatHex(random)), true);
        }
        return new LegnextWebhookSecret(Optional.empty(), false);
    }

    @Override
    public String toString() {
        return "LegnextWebhookSecret[" + (value.isPresent() ? generated ? "generated" : "set" : "none") + "]";
    }
}
