package io.legnext.core.callback;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The callback signature scheme: {@code X-Legnext-Signature} is the lower-case hex HMAC-SHA256 of the raw body, or
 * of {@code "<timestamp>." + body} when {@code X-Legnext-Timestamp} is sent, keyed with the webhook secret.
 *
 * <p>The MAC is the JDK's {@code javax.crypto.Mac} HmacSHA256; it is checked against the RFC 4231 vectors in the
 * tests.
 */
public final class WebhookSignature {

    /** The header carrying the signature. */
    public static final String SIGNATURE_HEADER = "X-Legnext-Signature";
    /** The header carrying the timestamp the signature covers, in epoch seconds. */
    public static final String TIMESTAMP_HEADER = "X-Legnext-Timestamp";
    /** A prefix some senders put before the hex digest; accepted and ignored when verifying. */
    public static final String SHA256_PREFIX = "sha256=";

    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {}

    /**
     * Signs a body.
     *
     * @param secret the webhook secret's bytes (UTF-8 of the configured text)
     * @param timestampOrNull the timestamp header's value, or null when none is sent
     * @param body the raw body
     * @return the lower-case hex HMAC-SHA256 of {@code body}, or of {@code timestamp + "." + body}
     */
    public static String sign(byte[] secret, String timestampOrNull, byte[] body) {
        return HexFormat.of().formatHex(mac(secret, timestampOrNull, body));
    }

    /**
     * Checks a signature in constant time ({@link MessageDigest#isEqual}); hex case and a {@code sha256=} prefix do
     * not matter.
     *
     * @param secret the webhook secret's bytes
     * @param timestampOrNull the timestamp header's value, or null when none was sent
     * @param body the raw body, exactly as received
     * @param signature the signature header's value; null never verifies
     * @return true when {@code signature} is the body's signature under {@code secret}
     */
    public static boolean verify(byte[] secret, String timestampOrNull, byte[] body, String signature) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(body, "body");
        if (signature == null) {
            return false;
        }
        String given = signature.strip().toLowerCase(Locale.ROOT);
        if (given.startsWith(SHA256_PREFIX)) {
            given = given.substring(SHA256_PREFIX.length());
        }
        byte[] expected = sign(secret, timestampOrNull, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] mac(byte[] secret, String timestampOrNull, byte[] body) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(body, "body");
        try {
            // SecretKeySpec refuses an empty key; HMAC zero-pads short keys, so one zero byte gives the same MAC.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, ALGORITHM));
            if (timestampOrNull != null) {
                mac.update(timestampOrNull.getBytes(StandardCharsets.UTF_8));
                mac.update((byte) '.');
            }
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java platform must provide HmacSHA256.
            throw new IllegalStateException(ALGORITHM + " is not available in this JDK", e);
        }
    }
}
