package io.legnext.spring;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the webhook endpoint is served: as {@code legnext.webhook.enabled} says, else when
 * {@code legnext.webhook.secret} is set or the fake is the adapter.
 */
final class OnWebhookServedCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        LegnextProperties properties = OnFakeAdapterCondition.bind(context);
        return properties.webhookServed()
                ? ConditionOutcome.match("the legnext webhook is served at "
                        + properties.getWebhook().getPath())
                : ConditionOutcome.noMatch("the legnext webhook is off (no legnext.webhook.secret, and"
                        + " legnext.webhook.enabled is not true)");
    }
}
