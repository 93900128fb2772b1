package io.legnext.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The health default applies only where the host said nothing, and always yields to what it says. */
class LegnextHealthDefaultsTest {

    private final LegnextHealthDefaults defaults = new LegnextHealthDefaults();

    @Test
    void withNothingSaidComponentsAreShownFromTheLowestSource() {
        StandardEnvironment env = new StandardEnvironment();

        defaults.postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getProperty(LegnextHealthDefaults.SHOW_COMPONENTS)).isEqualTo("always");
        assertThat(env.getPropertySources().stream()
                        .reduce((a, b) -> b)
                        .orElseThrow()
                        .getName())
                .isEqualTo(LegnextHealthDefaults.SOURCE);
    }

    @Test
    void aHostsChoiceOfComponentsOrDetailsIsLeftAlone() {
        for (String property :
                new String[] {"management.endpoint.health.show-components", "management.endpoint.health.show-details"
                }) {
            StandardEnvironment env = new StandardEnvironment();
            env.getPropertySources().addFirst(new MapPropertySource("host", Map.of(property, "never")));

            defaults.postProcessEnvironment(env, new SpringApplication());

            assertThat(env.getPropertySources().contains(LegnextHealthDefaults.SOURCE))
                    .as(property)
                    .isFalse();
            assertThat(env.getProperty(property)).isEqualTo("never");
        }
    }
}
