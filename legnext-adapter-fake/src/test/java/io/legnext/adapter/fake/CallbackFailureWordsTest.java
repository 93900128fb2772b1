package io.legnext.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** A failed delivery is logged in words: no JDK exception's class name reaches the line a user reads. */
class CallbackFailureWordsTest {

    @Test
    void everyFailureIsSaidInWordsWithoutAClassName() {
        List<Throwable> failures = List.of(
                new CompletionException(new ConnectException()),
                new HttpConnectTimeoutException("HTTP connect timed out"),
                new HttpTimeoutException("timed out"),
                new UnknownHostException("hooks.example"),
                new SSLHandshakeException("PKIX path building failed"),
                new IOException("java.io.IOException: Connection reset"),
                new IllegalArgumentException("bad URI"),
                new IllegalStateException("java.lang.IllegalStateException"));

        for (Throwable failure : failures) {
            assertThat(CallbackDelivery.describe(failure))
                    .as(failure.toString())
                    .doesNotContain("Exception")
                    .doesNotContain("java.")
                    .startsWith("the ");
        }
        assertThat(CallbackDelivery.describe(new CompletionException(new ConnectException())))
                .isEqualTo("the receiver refused the connection (is anything listening there?)");
    }

    /** legnext's own refusal, as the mock server's loopback-only client raises it: its words reach the log. */
    static final class OwnRefusal extends IOException {
        private static final long serialVersionUID = 1L;

        OwnRefusal() {
            super("the mock server delivers callbacks to this machine only; start it with --callbacks-anywhere");
        }
    }

    @Test
    void legnextsOwnRefusalsKeepTheirWords() {
        assertThat(CallbackDelivery.describe(new CompletionException(new OwnRefusal())))
                .isEqualTo(
                        "the mock server delivers callbacks to this machine only; start it with --callbacks-anywhere");
    }
}
