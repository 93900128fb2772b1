package io.legnext.spring;

import io.legnext.core.event.LegnextListener;
import io.legnext.core.port.in.ReceiveCallbackUseCase;
import java.time.Clock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The webhook endpoint at {@code legnext.webhook.path} (default {@value LegnextProperties#DEFAULT_WEBHOOK_PATH}), in
 * a Spring MVC application, when {@code legnext.webhook.secret} is set, {@code legnext.webhook.enabled=true}, or the
 * fake is the adapter (it then signs with a secret made for the run).
 */
@AutoConfiguration(after = LegnextAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@Conditional(OnWebhookServedCondition.class)
public class LegnextWebhookAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LegnextWebhookAutoConfiguration.class);

    /** The handler: raw body and headers to the receiver, the status back, each accepted job as an event. */
    @Bean
    @ConditionalOnMissingBean
    public LegnextWebhookEndpoint legnextWebhookEndpoint(
            ReceiveCallbackUseCase receiver,
            ApplicationEventPublisher events,
            ObjectProvider<LegnextListener> listeners) {
        return new LegnextWebhookEndpoint(
                receiver,
                events,
                LegnextListener.combine(listeners.orderedStream().collect(Collectors.toList())),
                Clock.systemUTC());
    }

    /** POST at the path goes to the handler; any other method there is answered 405. */
    @Bean
    @ConditionalOnMissingBean(name = "legnextWebhookRoute")
    public RouterFunction<ServerResponse> legnextWebhookRoute(
            LegnextWebhookEndpoint endpoint, LegnextProperties properties, LegnextWebhookSecret secret) {
        String path = properties.getWebhook().getPath();
        if (secret.value().isEmpty()) {
            log.warn("legnext: the webhook at {} accepts unsigned callbacks (no legnext.webhook.secret)", path);
        } else {
            log.info(
                    "legnext: the webhook is served at {} (signed callbacks{})",
                    path,
                    secret.generated() ? ", with a secret made for this run, which the fake signs with" : "");
        }
        return RouterFunctions.route()
                .POST(path, endpoint::post)
                .route(RequestPredicates.path(path), endpoint::notAllowed)
                .build();
    }
}
