package io.legnext.adapter.feign;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The key is never shown, and code that logs around it can mask it without holding it. */
class ApiKeyTest {

    @Test
    void itsRedactorMasksTheKeyInEverySpellingAndLeavesTheRestAlone() {
        ApiKey key = ApiKey.of("lk_test/key+0123");

        assertThat(key.redactor().redact("sent lk_test/key+0123, echoed lk_test%2Fkey%2B0123, job 42"))
                .isEqualTo("sent [redacted], echoed [redacted], job 42");
        assertThat(key).hasToString("ApiKey[redacted]");
    }
}
