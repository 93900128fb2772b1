package io.legnext.spring;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Shows the components of {@code /actuator/health} (their names and statuses, never their details) when the host
 * has said nothing about it, so that {@code legnext} appears there out of the box. It is the lowest-precedence
 * source: any {@code management.endpoint.health.show-components} or {@code show-details} the host sets, in any
 * property source, wins; {@code show-components=never} hides them again.
 */
public final class LegnextHealthDefaults implements EnvironmentPostProcessor {

    /** The property this sets when the host has not. */
    static final String SHOW_COMPONENTS = "management.endpoint.health.show-components";

    private static final String SHOW_DETAILS = "management.endpoint.health.show-details";
    /** The name of the property source it adds, last. */
    static final String SOURCE = "legnextHealthDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(SHOW_COMPONENTS) || environment.containsProperty(SHOW_DETAILS)) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(SHOW_COMPONENTS, "always")));
    }
}
