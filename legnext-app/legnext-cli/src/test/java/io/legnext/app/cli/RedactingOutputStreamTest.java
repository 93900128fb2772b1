package io.legnext.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.secret.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The process's own streams, where a library's log lines land, mask the key line by line. */
class RedactingOutputStreamTest {

    private static final String KEY = "lk-live-5ec4e7";

    @Test
    void masksTheKeyInEveryLineWrittenInBulkOrByteByByte() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        RedactingOutputStream redacting = new RedactingOutputStream(sink, Redactor.of(KEY));

        redacting.write(("first " + KEY + "\nsecond " + KEY.substring(0, 5)).getBytes(StandardCharsets.UTF_8));
        for (byte b : (KEY.substring(5) + " end\nthird").getBytes(StandardCharsets.UTF_8)) {
            redacting.write(b);
        }
        redacting.flush();

        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("first [redacted]\nsecond [redacted] end\nthird");
    }

    @Test
    void aPrintStreamOverItMasksWhatALoggerPrints() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream err =
                new PrintStream(new RedactingOutputStream(sink, Redactor.of(KEY)), true, StandardCharsets.UTF_8);

        err.println("[main] WARN io.legnext.adapter.feign.retries - 401 for key " + KEY);

        assertThat(sink.toString(StandardCharsets.UTF_8)).doesNotContain(KEY).contains("key [redacted]");
    }
}
