package io.legnext.spring;

import io.legnext.app.Legnext;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code legnext} health indicator, when Actuator is there ({@code management.health.legnext.enabled=false}
 * turns it off). The meters come with {@link LegnextAutoConfiguration}: a {@code MeterBinder} bean that Boot binds
 * to every registry.
 */
@AutoConfiguration(after = LegnextAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnBean(Legnext.class)
public class LegnextActuatorAutoConfiguration {

    /** Named so that its component in {@code /actuator/health} is {@code legnext}. */
    @Bean
    @ConditionalOnMissingBean(name = "legnextHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("legnext")
    public LegnextHealthIndicator legnextHealthIndicator(Legnext legnext, LegnextProperties properties) {
        return new LegnextHealthIndicator(legnext, properties.getHealth().getTimeout());
    }
}
