package io.legnext.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LegnextApiSpecTest {

    @Test
    void resourceNamesTheContractOnTheClasspath() {
        assertThat(LegnextApiSpec.RESOURCE).isEqualTo("openapi/legnext-video-api.yaml");
        assertThat(LegnextApiSpec.class.getClassLoader().getResource(LegnextApiSpec.RESOURCE))
                .isNotNull();
    }

    @Test
    void textIsTheWholeContractDecodedAsUtf8() throws Exception {
        byte[] bytes;
        try (InputStream in = LegnextApiSpec.open()) {
            bytes = in.readAllBytes();
        }

        assertThat(LegnextApiSpec.text())
                .isEqualTo(new String(bytes, StandardCharsets.UTF_8))
                .startsWith("openapi: 3.0.3");
    }

    @Test
    void openReturnsAFreshStreamOnEveryCall() throws Exception {
        try (InputStream first = LegnextApiSpec.open();
                InputStream second = LegnextApiSpec.open()) {
            assertThat(first).isNotSameAs(second);
            assertThat(first.read()).isEqualTo(second.read());
        }
    }
}
