package io.legnext.core.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {

    private static final byte[] SECRET = bytes("whsec-test-secret");
    private static final byte[] BODY =
            bytes("{\"job_id\":\"8201cd3e-1234-4d5e-9f00-0123456789ab\",\"status\":\"completed\"}");
    private static final String TIMESTAMP = "1761044062";

    @Test
    void matchesRfc4231TestCase2() {
        assertThat(WebhookSignature.sign(bytes("Jefe"), null, bytes("what do ya want for nothing?")))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void matchesRfc4231TestCase6WithAKeyLongerThanOneBlock() {
        byte[] key = new byte[131];
        Arrays.fill(key, (byte) 0xaa);

        assertThat(WebhookSignature.sign(key, null, bytes("Test Using Larger Than Block-Size Key - Hash Key First")))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }

    @Test
    void withoutATimestampSignsTheBodyAlone() throws Exception {
        assertThat(WebhookSignature.sign(SECRET, null, BODY)).isEqualTo(hmacHex(SECRET, BODY));
    }

    @Test
    void withATimestampSignsTimestampDotBody() throws Exception {
        assertThat(WebhookSignature.sign(SECRET, TIMESTAMP, BODY))
                .isEqualTo(hmacHex(SECRET, bytes(TIMESTAMP + "." + new String(BODY, StandardCharsets.UTF_8))));
    }

    @Test
    void agreesWithTheJdksMacOnRandomKeysAndBodies() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            byte[] key = new byte[random.nextInt(1, 200)];
            byte[] body = new byte[random.nextInt(0, 3000)];
            random.nextBytes(key);
            random.nextBytes(body);

            assertThat(WebhookSignature.sign(key, null, body)).isEqualTo(hmacHex(key, body));
        }
    }

    @Test
    void signaturesAreLowerCaseHex() {
        assertThat(WebhookSignature.sign(SECRET, TIMESTAMP, BODY)).matches("[0-9a-f]{64}");
    }

    @Test
    void verifiesItsOwnSignatureWhateverTheHexCaseOrASha256Prefix() {
        String signature = WebhookSignature.sign(SECRET, TIMESTAMP, BODY);

        assertThat(WebhookSignature.verify(SECRET, TIMESTAMP, BODY, signature)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, TIMESTAMP, BODY, signature.toUpperCase(Locale.ROOT)))
                .isTrue();
        assertThat(WebhookSignature.verify(SECRET, TIMESTAMP, BODY, "sha256=" + signature))
                .isTrue();
        assertThat(WebhookSignature.verify(SECRET, TIMESTAMP, BODY, " " + signature + " "))
                .isTrue();
    }

    @Test
    void rejectsAnAlteredBodyAnotherSecretOrAnotherTimestamp() {
        String signature = WebhookSignature.sign(SECRET, TIMESTAMP, BODY);

        assertThat(WebhookSignature.verify(SECRET, TIMESTAMP, bytes("{\"status\":\"failed\"}"), signature))
                .isFalse();
        assertThat(WebhookSignature.verify(bytes("another-secret"), TIMESTAMP, BODY, signature))
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1761044063", BODY, signature))
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET, null, BODY, signature)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00", "not-hex", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec384"})
    void rejectsSignaturesOfTheWrongShape(String signature) {
        assertThat(WebhookSignature.verify(SECRET, TIMESTAMP, BODY, signature)).isFalse();
    }

    @Test
    void aMissingSignatureNeverVerifies() {
        assertThat(WebhookSignature.verify(SECRET, null, BODY, null)).isFalse();
    }

    private static String hmacHex(byte[] key, byte[] message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
