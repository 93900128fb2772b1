package io.legnext.spring;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A {@code legnext} health group holding the {@code legnext} indicator, its component shown (status only, never
 * details), so that {@code /actuator/health} lists it and {@code /actuator/health/legnext} answers out of the box,
 * without changing how the host's other components are shown. It is the lowest-precedence source: a host that
 * defines the group itself keeps its own definition.
 */
public final class LegnextHealthDefaults implements EnvironmentPostProcessor {

    /** The group's members, the property a host sets to define the group itself. */
    static final String GROUP_INCLUDE = "management.endpoint.health.group.legnext.include";
    /** How the group shows its components. */
    static final String GROUP_SHOW_COMPONENTS = "management.endpoint.health.group.legnext.show-components";
    /** The name of the property source it adds, last. */
    static final String SOURCE = "legnextHealthDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(GROUP_INCLUDE)) {
            return;
        }
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        SOURCE, Map.of(GROUP_INCLUDE, "legnext", GROUP_SHOW_COMPONENTS, "always")));
    }
}
