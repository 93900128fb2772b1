package io.legnext.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The health group is added only where the host did not define it, and never touches global health settings. */
class LegnextHealthDefaultsTest {

    private final LegnextHealthDefaults defaults = new LegnextHealthDefaults();

    @Test
    void withNothingSaidTheGroupIsDefinedFromTheLowestSource() {
        StandardEnvironment env = new StandardEnvironment();

        defaults.postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getProperty(LegnextHealthDefaults.GROUP_INCLUDE)).isEqualTo("legnext");
        assertThat(env.getProperty(LegnextHealthDefaults.GROUP_SHOW_COMPONENTS)).isEqualTo("always");
        assertThat(env.getProperty("management.endpoint.health.show-components"))
                .isNull();
        assertThat(env.getPropertySources().stream()
                        .reduce((a, b) -> b)
                        .orElseThrow()
                        .getName())
                .isEqualTo(LegnextHealthDefaults.SOURCE);
    }

    @Test
    void aHostsOwnGroupIsLeftAlone() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources()
                .addFirst(new MapPropertySource("host", Map.of(LegnextHealthDefaults.GROUP_INCLUDE, "legnext,db")));

        defaults.postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getPropertySources().contains(LegnextHealthDefaults.SOURCE))
                .isFalse();
        assertThat(env.getProperty(LegnextHealthDefaults.GROUP_INCLUDE)).isEqualTo("legnext,db");
    }
}
