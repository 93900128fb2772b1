package io.legnext.spring;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the fake serves the use cases: {@code legnext.adapter=fake}, or no adapter and no API key. */
final class OnFakeAdapterCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        LegnextProperties properties = bind(context);
        boolean fake = properties.resolvedAdapter() == LegnextProperties.Adapter.FAKE;
        return fake
                ? ConditionOutcome.match("legnext runs on the fake adapter")
                : ConditionOutcome.noMatch("legnext runs on the http adapter");
    }

    /** The properties as bound from the environment, unchecked. */
    static LegnextProperties bind(ConditionContext context) {
        return Binder.get(context.getEnvironment())
                .bind(LegnextProperties.PREFIX, Bindable.of(LegnextProperties.class))
                .orElseGet(LegnextProperties::new);
    }
}
