package io.legnext.spring;

import io.legnext.adapter.fake.FakeLegnext;
import io.legnext.adapter.feign.ApiKey;
import io.legnext.adapter.feign.RetryPolicy;
import io.legnext.app.Legnext;
import io.legnext.app.LegnextBuilder;
import io.legnext.app.journal.FileJobJournal;
import io.legnext.core.event.LegnextListener;
import io.legnext.core.inmemory.InMemoryJobJournal;
import io.legnext.core.port.in.ReceiveCallbackUseCase;
import io.legnext.core.port.out.JobJournalPort;
import io.legnext.core.port.out.Scheduler;
import io.legnext.core.secret.Redactor;
import io.legnext.core.service.CallbackReceiver;
import io.legnext.core.time.ExecutorScheduler;
import io.legnext.micrometer.LegnextMetrics;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;

/**
 * The {@link Legnext} facade, the core's use cases, the shared scheduler, the journal, the fake (without an API
 * key) and the callback receiver, configured by {@link LegnextProperties}. Every bean yields to one of the host's
 * own: a host bean of the same type (or, for the use cases, of any use-case type) replaces it.
 *
 * <p>The facade implements {@code GenerateVideoUseCase}, {@code ExtendVideoUseCase}, {@code UpscaleVideoUseCase},
 * {@code GetJobUseCase}, {@code WaitForJobUseCase} and {@code GetBalanceUseCase}, so it is the bean a host gets when
 * it injects any of them. It is a {@link Fallback} bean: a host's own bean of one of those types wins that
 * injection, without {@code @Primary}, and the facade keeps serving the others.
 */
@AutoConfiguration
@EnableConfigurationProperties(LegnextProperties.class)
public class LegnextAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LegnextAutoConfiguration.class);

    /** The scheduler waits (and the fake's jobs) run on; closed at shutdown. Accelerated on the fake. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(Scheduler.class)
    public ExecutorScheduler legnextScheduler(LegnextProperties properties) {
        boolean fake = properties.resolvedAdapter() == LegnextProperties.Adapter.FAKE;
        return ExecutorScheduler.create(2, fake ? properties.getFake().getSpeed() : 1.0);
    }

    /** The webhook secret, or the fake's random one for this run. */
    @Bean
    @ConditionalOnMissingBean
    public LegnextWebhookSecret legnextWebhookSecret(LegnextProperties properties) {
        return LegnextWebhookSecret.of(properties);
    }

    /**
     * The in-memory fake, on the fake adapter only. It signs its callbacks with the webhook secret and stamps them
     * with the wall clock whatever its speed, so that the endpoint (which judges by the wall clock) accepts them.
     */
    @Bean
    @ConditionalOnMissingBean
    @Conditional(OnFakeAdapterCondition.class)
    public FakeLegnext legnextFake(Scheduler scheduler, LegnextWebhookSecret secret) {
        FakeLegnext.Builder builder = FakeLegnext.builder(scheduler).signingClock(Clock.systemUTC());
        secret.value().ifPresent(builder::webhookSecret);
        return builder.build();
    }

    /** Where accepted jobs are recorded: in memory, or the command line's file journal. */
    @Bean
    @ConditionalOnMissingBean
    public JobJournalPort legnextJournal(LegnextProperties properties, Scheduler scheduler) {
        return switch (properties.getJournal().getType()) {
            case MEMORY -> new InMemoryJobJournal();
            case FILE ->
                new FileJobJournal(
                        properties.getJournal().getDirectory(),
                        service(properties),
                        scheduler.clock(),
                        properties.hasApiKey()
                                ? ApiKey.of(properties.getApiKey()).redactor()
                                : Redactor.URL_CREDENTIALS);
        };
    }

    /**
     * The facade over the chosen adapter, hearing every {@link LegnextListener} bean (the meters among them);
     * closed at shutdown (it ends its open waits), before the scheduler.
     */
    @Bean(destroyMethod = "close")
    @Fallback
    @ConditionalOnMissingBean
    public Legnext legnext(
            LegnextProperties properties,
            Scheduler scheduler,
            JobJournalPort journal,
            ObjectProvider<FakeLegnext> fake,
            ObjectProvider<LegnextListener> listeners) {
        LegnextBuilder builder = Legnext.builder()
                .scheduler(scheduler)
                .journal(journal)
                .pollingPolicy(properties.getPolling().policy());
        List<LegnextListener> heard = listeners.orderedStream().collect(Collectors.toList());
        if (!heard.isEmpty()) {
            builder.listener(LegnextListener.combine(heard));
        }
        if (properties.resolvedAdapter() == LegnextProperties.Adapter.FAKE) {
            FakeLegnext theFake = fake.getIfAvailable();
            if (theFake == null) {
                throw new LegnextPropertiesException(
                        LegnextProperties.PREFIX + ".adapter",
                        "legnext.adapter=fake" + " needs a FakeLegnext bean, and the host's configuration left none");
            }
            builder.fake(theFake);
            String message = "legnext: using the fake adapter (in memory, {}x real time){}; set LEGNEXT_API_KEY"
                    + " (legnext.api-key) to use the real service";
            Object speed = speed(properties, scheduler);
            if (properties.getAdapter() == null) {
                // Chosen for the host, not by it: a missing key in production must not pass as a quiet line.
                log.warn(
                        message + "; nothing is sent to Legnext and no job is charged",
                        speed,
                        " because no API key is set");
            } else {
                log.info(message, speed, " as legnext.adapter asks");
            }
        } else {
            configureHttp(builder, properties);
            log.info("legnext: using the http adapter at {}", service(properties));
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            // The builder's messages name the setting and never repeat the key.
            throw new LegnextPropertiesException(LegnextProperties.PREFIX, "legnext.*: " + e.getMessage());
        }
    }

    /**
     * The receiver the webhook endpoint hands deliveries to: it verifies them with the webhook secret (judging
     * timestamps by the wall clock) and completes the facade's waits at once.
     */
    @Bean
    @ConditionalOnMissingBean
    public ReceiveCallbackUseCase legnextCallbackReceiver(
            Legnext legnext, LegnextWebhookSecret secret, LegnextProperties properties) {
        ReceiveCallbackUseCase receiver = legnext.callbackReceiver(secret.value());
        if (properties.getWebhook().isRequireTimestamp() && receiver instanceof CallbackReceiver callbacks) {
            return callbacks.withTimestampRequired(secret.value().isPresent());
        }
        return receiver;
    }

    /** The {@code legnext.*} meters, when Micrometer is on the class path; Boot binds them to its registries. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.micrometer.core.instrument.MeterRegistry", "io.legnext.micrometer.LegnextMetrics"})
    static class Metrics {
        /** A listener and a {@code MeterBinder}: the facade hears it, every registry gets its meters. */
        @Bean
        @ConditionalOnMissingBean
        LegnextMetrics legnextMetrics() {
            return new LegnextMetrics();
        }
    }

    private static void configureHttp(LegnextBuilder builder, LegnextProperties properties) {
        builder.http(properties.getApiKey()).baseUri(properties.baseUri());
        if (properties.getApplicationName() != null) {
            builder.applicationName(properties.getApplicationName());
        }
        if (properties.getConnectTimeout() != null) {
            builder.connectTimeout(properties.getConnectTimeout());
        }
        if (properties.getRequestTimeout() != null) {
            builder.requestTimeout(properties.getRequestTimeout());
        }
        if (properties.getLookupRetry().isSet()) {
            builder.lookupRetry(retry("lookup-retry", properties.getLookupRetry(), RetryPolicy.LOOKUPS));
        }
        if (properties.getSubmitRetry().isSet()) {
            builder.submitRetry(retry("submit-retry", properties.getSubmitRetry(), RetryPolicy.SUBMITS));
        }
    }

    /** The default policy with the values set. */
    static RetryPolicy retry(String name, LegnextRetryProperties set, RetryPolicy defaults) {
        try {
            return new RetryPolicy(
                    set.getMaxAttempts() != null ? set.getMaxAttempts() : defaults.maxAttempts(),
                    set.getInitialBackoff() != null ? set.getInitialBackoff() : defaults.initialBackoff(),
                    set.getMaxBackoff() != null ? set.getMaxBackoff() : defaults.maxBackoff(),
                    set.getMaxRetryAfter() != null ? set.getMaxRetryAfter() : defaults.maxRetryAfter(),
                    set.getDeadline() != null ? set.getDeadline() : defaults.deadline());
        } catch (IllegalArgumentException e) {
            throw new LegnextPropertiesException(
                    LegnextProperties.PREFIX + "." + name,
                    LegnextProperties.PREFIX + "." + name + ": " + e.getMessage());
        }
    }

    private static String service(LegnextProperties properties) {
        return properties.resolvedAdapter() == LegnextProperties.Adapter.FAKE
                ? Legnext.FAKE_SERVICE
                : properties.baseUri().toString().replaceAll("/+$", "");
    }

    private static String speed(LegnextProperties properties, Scheduler scheduler) {
        double speed = scheduler instanceof ExecutorScheduler executor
                ? executor.speed()
                : properties.getFake().getSpeed();
        return speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed);
    }
}
