package io.legnext.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.legnext.adapter.fake.FakeLegnext;
import io.legnext.app.Legnext;
import io.legnext.app.journal.FileJobJournal;
import io.legnext.core.event.LegnextListener;
import io.legnext.core.inmemory.InMemoryJobJournal;
import io.legnext.core.job.Job;
import io.legnext.core.port.in.ExtendVideoUseCase;
import io.legnext.core.port.in.GenerateVideoUseCase;
import io.legnext.core.port.in.GetBalanceUseCase;
import io.legnext.core.port.in.GetJobUseCase;
import io.legnext.core.port.in.ReceiveCallbackUseCase;
import io.legnext.core.port.in.UpscaleVideoUseCase;
import io.legnext.core.port.in.WaitForJobUseCase;
import io.legnext.core.port.out.JobJournalPort;
import io.legnext.core.port.out.Scheduler;
import io.legnext.core.time.ExecutorScheduler;
import io.legnext.core.time.VirtualTime;
import io.legnext.micrometer.LegnextMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.servlet.function.RouterFunction;

/** Every property and every override, on Spring Boot's {@link ApplicationContextRunner}. */
class LegnextAutoConfigurationTest {

    private static final String KEY = "sk-autoconfig-test-key-0123456789";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(LegnextAutoConfiguration.class, LegnextActuatorAutoConfiguration.class));

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(LegnextAutoConfiguration.class, LegnextWebhookAutoConfiguration.class));

    private HttpServer stub;
    /** Holds the stub's hanging answers until the test ends. */
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopStub() {
        release.countDown();
        if (stub != null) {
            stub.stop(0);
        }
    }

    @Test
    void withNoPropertyItRunsOnTheFakeInAcceleratedTimeAndOffersEveryUseCase() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            Legnext legnext = context.getBean(Legnext.class);
            assertThat(legnext.isFake()).isTrue();
            assertThat(context).hasSingleBean(FakeLegnext.class);
            assertThat(context.getBean(Scheduler.class))
                    .isInstanceOfSatisfying(
                            ExecutorScheduler.class,
                            s -> assertThat(s.speed()).isEqualTo(LegnextProperties.DEFAULT_FAKE_SPEED));
            assertThat(legnext.scheduler()).isSameAs(context.getBean(Scheduler.class));
            assertThat(context.getBean(JobJournalPort.class)).isInstanceOf(InMemoryJobJournal.class);
            assertThat(context).hasSingleBean(ReceiveCallbackUseCase.class);
            for (Class<?> useCase : new Class<?>[] {
                GenerateVideoUseCase.class,
                ExtendVideoUseCase.class,
                UpscaleVideoUseCase.class,
                GetJobUseCase.class,
                WaitForJobUseCase.class,
                GetBalanceUseCase.class
            }) {
                assertThat(context.getBean(useCase)).as(useCase.getSimpleName()).isSameAs(legnext);
            }
            assertThat(context.getBean(LegnextWebhookSecret.class).generated()).isTrue();
        });
    }

    @Test
    void shutdownEndsTheOpenWaitsThenStopsTheScheduler() {
        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<Job>> wait =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<ExecutorScheduler> scheduler =
                new java.util.concurrent.atomic.AtomicReference<>();
        runner.run(context -> {
            Legnext legnext = context.getBean(Legnext.class);
            scheduler.set(context.getBean(ExecutorScheduler.class));
            wait.set(legnext.waitFor(
                    legnext.generate(io.legnext.core.request.TextToVideo.of("a slow tide"))
                            .id(),
                    io.legnext.core.wait.WaitOptions.defaults().withTimeout(java.time.Duration.ofDays(1))));
        });
        assertThat(wait.get()).as("ended by the facade's close").isCompletedExceptionally();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> scheduler.get().schedule(java.time.Duration.ofSeconds(1), () -> {})))
                .as("the scheduler is stopped")
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    @Test
    void anApiKeySelectsTheHttpAdapterAtTheBaseUrl() {
        runner.withPropertyValues("legnext.api-key=" + KEY, "legnext.base-url=https://legnext.example.com/")
                .run(context -> {
                    Legnext legnext = context.getBean(Legnext.class);
                    assertThat(legnext.isFake()).isFalse();
                    assertThat(legnext.service()).isEqualTo("https://legnext.example.com");
                    assertThat(context).doesNotHaveBean(FakeLegnext.class);
                    assertThat(context.getBean(ExecutorScheduler.class).speed()).isEqualTo(1.0);
                    assertThat(context.getBean(LegnextWebhookSecret.class).value())
                            .isEmpty();
                    assertThat(context.getBean(LegnextProperties.class).toString())
                            .doesNotContain(KEY)
                            .contains("apiKey=[set]");
                });
    }

    @Test
    void theKeyBindsFromLegnextApiKeyInTheEnvironment() {
        runner.withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("LEGNEXT_API_KEY", KEY, "LEGNEXT_WEBHOOK_SECRET", "s3cret"))))
                .run(context -> {
                    assertThat(context.getBean(LegnextProperties.class).getApiKey())
                            .isEqualTo(KEY);
                    assertThat(context.getBean(Legnext.class).isFake()).isFalse();
                    assertThat(context.getBean(LegnextWebhookSecret.class).value())
                            .hasValue("s3cret");
                });
    }

    @Test
    void theFakeCanBeAskedForWithAKeyAndRunsAtTheSpeedAsked() {
        runner.withPropertyValues("legnext.api-key=" + KEY, "legnext.adapter=fake", "legnext.fake.speed=5000")
                .run(context -> {
                    assertThat(context.getBean(Legnext.class).isFake()).isTrue();
                    assertThat(context.getBean(ExecutorScheduler.class).speed()).isEqualTo(5000);
                });
    }

    @Test
    void aFileJournalIsTheCommandLinesFormatInTheDirectoryGiven(@TempDir Path home) {
        runner.withPropertyValues("legnext.journal.type=file", "legnext.journal.directory=" + home)
                .run(context -> {
                    assertThat(context.getBean(JobJournalPort.class))
                            .isInstanceOfSatisfying(FileJobJournal.class, j -> {
                                assertThat(j.file().getParent()).isEqualTo(home);
                                assertThat(j.service()).isEqualTo(Legnext.FAKE_SERVICE);
                            });
                });
    }

    @Test
    void theReadmesPropertiesStartAnApplicationOnTheRealServiceWithTheWebhookAtItsPath() throws Exception {
        java.util.Properties readme = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/readme-application.properties")) {
            readme.load(in);
        }
        String[] values = readme.stringPropertyNames().stream()
                .map(name -> name + "=" + readme.getProperty(name))
                .toArray(String[]::new);
        web.withPropertyValues(values)
                .withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("LEGNEXT_API_KEY", KEY, "LEGNEXT_WEBHOOK_SECRET", "s3cret"))))
                .run(context -> {
                    LegnextProperties properties = context.getBean(LegnextProperties.class);
                    assertThat(context.getBean(Legnext.class).isFake()).isFalse();
                    assertThat(properties.getWebhook().getPath()).isEqualTo("/hooks/legnext");
                    assertThat(properties.getRequestTimeout()).isEqualTo(java.time.Duration.ofSeconds(20));
                    assertThat(context.getBean(LegnextWebhookSecret.class).value())
                            .hasValue("s3cret");
                    assertThat(context).hasBean("legnextWebhookRoute");
                });
    }

    @Test
    void theConfigurationMetadataDescribesEveryPropertyForIdes() throws Exception {
        String metadata;
        try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in)
                    .as("generated by spring-boot-configuration-processor")
                    .isNotNull();
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(metadata)
                .contains(
                        "\"legnext.api-key\"",
                        "\"legnext.base-url\"",
                        "\"legnext.adapter\"",
                        "\"legnext.connect-timeout\"",
                        "\"legnext.request-timeout\"",
                        "\"legnext.lookup-retry.max-attempts\"",
                        "\"legnext.polling.interval\"",
                        "\"legnext.webhook.path\"",
                        "\"legnext.webhook.secret\"",
                        "\"legnext.webhook.enabled\"",
                        "\"legnext.journal.type\"",
                        "\"legnext.journal.directory\"",
                        "\"legnext.fake.speed\"",
                        "\"legnext.health.timeout\"");
        var properties = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(metadata)
                .get("properties");
        assertThat(properties).anySatisfy(p -> {
            assertThat(p.get("name").asText()).isEqualTo("legnext.webhook.path");
            assertThat(p.get("defaultValue").asText()).isEqualTo(LegnextProperties.DEFAULT_WEBHOOK_PATH);
        });
    }

    @Nested
    class StartUpValidation {

        @Test
        void aMalformedBaseUrlFailsTheStartNamingTheProperty() {
            for (String bad : new String[] {"not a url", "ftp://legnext.example.com", "https://", "legnext.ai"}) {
                runner.withPropertyValues("legnext.api-key=" + KEY, "legnext.base-url=" + bad)
                        .run(context -> assertFailure(
                                context,
                                "legnext.base-url",
                                "'legnext.base-url' must be an absolute http or https URL",
                                bad));
            }
        }

        @Test
        void aNegativeTimeoutFailsTheStartNamingTheProperty() {
            runner.withPropertyValues("legnext.api-key=" + KEY, "legnext.connect-timeout=-5s")
                    .run(context -> assertFailure(
                            context,
                            "legnext.connect-timeout",
                            "'legnext.connect-timeout' must not be negative, was PT-5S"));
            runner.withPropertyValues("legnext.request-timeout=-1ms")
                    .run(context -> assertFailure(
                            context, "legnext.request-timeout", "'legnext.request-timeout' must not be negative"));
            runner.withPropertyValues("legnext.health.timeout=0s")
                    .run(context -> assertFailure(
                            context, "legnext.health.timeout", "'legnext.health.timeout' must be positive, was PT0S"));
        }

        @Test
        void aWebhookEnabledWithoutASecretWhileAKeyIsSetFailsTheStart() {
            runner.withPropertyValues("legnext.api-key=" + KEY, "legnext.webhook.enabled=true")
                    .run(context -> assertFailure(
                            context,
                            "legnext.webhook.secret",
                            "legnext.webhook.enabled=true with an API key needs legnext.webhook.secret"));
        }

        @Test
        void retriesPollingSpeedJournalAndPathAreCheckedToo() {
            runner.withPropertyValues("legnext.api-key=" + KEY, "legnext.lookup-retry.max-attempts=0")
                    .run(context -> assertFailure(
                            context,
                            "legnext.lookup-retry.max-attempts",
                            "'legnext.lookup-retry.max-attempts' must be between 1 and 20, was 0"));
            runner.withPropertyValues(
                            "legnext.api-key=" + KEY,
                            "legnext.submit-retry.initial-backoff=10s",
                            "legnext.submit-retry.max-backoff=1s")
                    .run(context -> assertFailure(
                            context,
                            "legnext.submit-retry",
                            "legnext.submit-retry: 'maxBackoff' must be at least 'initialBackoff'"));
            runner.withPropertyValues("legnext.polling.jitter=0.9")
                    .run(context -> assertFailure(
                            context,
                            "legnext.polling.jitter",
                            "'legnext.polling.jitter' must be between 0 and 0.5, was 0.9"));
            runner.withPropertyValues("legnext.polling.interval=5m")
                    .run(context -> assertFailure(context, "legnext.polling", "legnext.polling: 'interval'"));
            runner.withPropertyValues("legnext.fake.speed=0")
                    .run(context -> assertFailure(
                            context,
                            "legnext.fake.speed",
                            "'legnext.fake.speed' must be between 1 and 10000, was 0.0"));
            runner.withPropertyValues("legnext.journal.type=file")
                    .run(context -> assertFailure(
                            context,
                            "legnext.journal.directory",
                            "'legnext.journal.directory' must be set when legnext.journal.type=file"));
            runner.withPropertyValues("legnext.webhook.path=callback")
                    .run(context -> assertFailure(
                            context,
                            "legnext.webhook.path",
                            "'legnext.webhook.path' must be a path below the root starting with '/'"));
            runner.withPropertyValues("legnext.adapter=http")
                    .run(context -> assertFailure(context, "legnext.api-key", "legnext.adapter=http needs an API key"));
        }

        @Test
        void theFailureReportNamesThePropertyAndNeverTheKey() {
            runner.withPropertyValues("legnext.api-key=" + KEY, "legnext.base-url=ftp://x")
                    .run(context -> {
                        LegnextPropertiesException cause = failureOf(context);
                        FailureAnalysis analysis =
                                new LegnextPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
                        assertThat(analysis.getDescription())
                                .contains("'legnext.base-url'")
                                .doesNotContain(KEY);
                        assertThat(analysis.getAction()).contains("legnext.base-url");
                        assertThat(cause.getMessage()).doesNotContain(KEY).doesNotContain("Exception");
                    });
        }

        private void assertFailure(AssertableApplicationContext context, String property, String... message) {
            LegnextPropertiesException cause = failureOf(context);
            assertThat(cause.property()).isEqualTo(property);
            assertThat(cause.getMessage()).contains(message).doesNotContain(KEY);
        }

        private LegnextPropertiesException failureOf(AssertableApplicationContext context) {
            assertThat(context).hasFailed();
            Throwable t = context.getStartupFailure();
            while (t != null && !(t instanceof LegnextPropertiesException)) {
                t = t.getCause();
            }
            assertThat(t)
                    .as("a LegnextPropertiesException in " + context.getStartupFailure())
                    .isNotNull();
            return (LegnextPropertiesException) t;
        }
    }

    @Nested
    class Webhook {

        @Test
        void isServedOnTheFakeWithNoPropertyAtTheDefaultPath() {
            web.run(context -> {
                assertThat(context).hasBean("legnextWebhookRoute");
                assertThat(context).hasSingleBean(LegnextWebhookEndpoint.class);
            });
        }

        @Test
        void isOffOverHttpWithoutASecretAndOnWithOne() {
            web.withPropertyValues("legnext.api-key=" + KEY)
                    .run(context -> assertThat(context).doesNotHaveBean("legnextWebhookRoute"));
            web.withPropertyValues(
                            "legnext.api-key=" + KEY,
                            "legnext.webhook.secret=s3cret",
                            "legnext.webhook.path=/hooks/legnext")
                    .run(context -> {
                        assertThat(context).hasBean("legnextWebhookRoute");
                        assertThat(context.getBean(LegnextWebhookSecret.class).value())
                                .hasValue("s3cret");
                        assertThat(context.getBean(LegnextWebhookSecret.class).toString())
                                .doesNotContain("s3cret");
                    });
        }

        @Test
        void enabledFalseTurnsItOffEvenWithASecret() {
            web.withPropertyValues("legnext.webhook.secret=s3cret", "legnext.webhook.enabled=false")
                    .run(context -> assertThat(context).doesNotHaveBean("legnextWebhookRoute"));
        }

        @Test
        void isNotThereOutsideAServletApplicationOrWithoutSpringMvc() {
            runner.run(context -> assertThat(context).doesNotHaveBean("legnextWebhookRoute"));
            web.withClassLoader(new FilteredClassLoader(RouterFunction.class)).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean("legnextWebhookRoute");
            });
        }

        @Test
        void theHostsEndpointOrRouteReplacesTheStarters() {
            web.withUserConfiguration(HostWebhook.class).run(context -> {
                assertThat(context.getBean(LegnextWebhookEndpoint.class)).isSameAs(HostWebhook.ENDPOINT);
                assertThat(context.getBean("legnextWebhookRoute")).isSameAs(HostWebhook.ROUTE);
            });
        }
    }

    @Nested
    class Overrides {

        @Test
        void theHostsSchedulerRunsTheWaitsAndTheFake() {
            VirtualTime time = new VirtualTime();
            runner.withBean(Scheduler.class, () -> time).run(context -> {
                assertThat(context).doesNotHaveBean(ExecutorScheduler.class);
                assertThat(context.getBean(Legnext.class).scheduler()).isSameAs(time);
                Legnext legnext = context.getBean(Legnext.class);
                Job job = legnext.generate(io.legnext.core.request.TextToVideo.of("a lighthouse at dusk"));
                var done = legnext.waitFor(job.id());
                time.advance(java.time.Duration.ofMinutes(30));
                assertThat(done).isCompletedWithValueMatching(j -> j.videoUrls().size() == 4);
            });
        }

        @Test
        void theHostsFacadeFakeJournalReceiverAndMetersReplaceTheStarters() {
            runner.withUserConfiguration(HostBeans.class).run(context -> {
                assertThat(context.getBean(Legnext.class)).isSameAs(HostBeans.LEGNEXT);
                assertThat(context.getBean(JobJournalPort.class)).isSameAs(HostBeans.JOURNAL);
                assertThat(context.getBean(ReceiveCallbackUseCase.class)).isSameAs(HostBeans.RECEIVER);
                assertThat(context.getBean(LegnextMetrics.class)).isSameAs(HostBeans.METRICS);
                assertThat(context.getBean(FakeLegnext.class)).isSameAs(HostBeans.FAKE);
                assertThat(context.getBean(LegnextWebhookSecret.class)).isSameAs(HostBeans.SECRET);
                assertThat(context.getBean("legnextHealthIndicator")).isSameAs(HostBeans.HEALTH);
            });
        }

        @Test
        void theHostsFakeIsTheOneTheFacadeUses() {
            FakeLegnext fake =
                    FakeLegnext.builder(new VirtualTime()).availablePoints(42).build();
            runner.withBean(FakeLegnext.class, () -> fake)
                    .run(context -> assertThat(
                                    context.getBean(Legnext.class).getBalance().availablePoints())
                            .isEqualTo(42));
        }

        @Test
        void theHostsOwnUseCaseWinsItsInjectionAndTheFacadeServesTheOthers() {
            runner.withUserConfiguration(HostGenerate.class).run(context -> {
                Legnext legnext = context.getBean(Legnext.class);
                HostService service = context.getBean(HostService.class);
                assertThat(service.generate).isSameAs(HostGenerate.GENERATE);
                assertThat(service.jobs).isSameAs(legnext);
            });
        }

        @Test
        void aHostsListenerBeanHearsTheFacade() {
            VirtualTime time = new VirtualTime();
            runner.withBean(Scheduler.class, () -> time)
                    .withUserConfiguration(HostListener.class)
                    .run(context -> {
                        Legnext legnext = context.getBean(Legnext.class);
                        Job job = legnext.generate(io.legnext.core.request.TextToVideo.of("a red kite"));
                        legnext.waitFor(job.id());
                        time.advance(java.time.Duration.ofMinutes(30));
                        assertThat(context.getBean(HostListener.class).changes).isNotEmpty();
                    });
        }
    }

    @Nested
    class Actuator {

        @Test
        void theMetersAreBoundToTheApplicationsRegistryFromStart() {
            runner.withConfiguration(AutoConfigurations.of(
                            MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
                    .run(context -> {
                        MeterRegistry registry = context.getBean(MeterRegistry.class);
                        assertThat(registry.find(LegnextMetrics.WAITS_ACTIVE).gauge())
                                .isNotNull();
                    });
        }

        @Test
        void withoutActuatorOrMicrometerTheApplicationStillStarts() {
            runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class, MeterRegistry.class))
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context).hasSingleBean(Legnext.class);
                        assertThat(context).doesNotHaveBean(LegnextHealthIndicator.class);
                        assertThat(context).doesNotHaveBean(LegnextMetrics.class);
                    });
        }

        @Test
        void theHealthIndicatorCanBeTurnedOff() {
            runner.withPropertyValues("management.health.legnext.enabled=false")
                    .run(context -> assertThat(context).doesNotHaveBean(LegnextHealthIndicator.class));
        }

        @Test
        void healthIsUpOnTheFake() {
            runner.run(context -> {
                Health health = context.getBean(LegnextHealthIndicator.class).health();
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails())
                        .containsEntry("service", Legnext.FAKE_SERVICE)
                        .containsEntry("availablePoints", FakeLegnext.DEFAULT_POINTS);
            });
        }

        @Test
        void healthIsDownWithTheReasonWhenTheServiceRefusesTheKey() throws Exception {
            startStub(401, "{\"code\":401,\"message\":\"Invalid API key\"}", false);
            runner.withPropertyValues("legnext.api-key=" + KEY, "legnext.base-url=" + stubUrl())
                    .run(context -> {
                        Health health =
                                context.getBean(LegnextHealthIndicator.class).health();
                        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                        assertThat(health.getDetails().get("reason").toString())
                                .contains("HTTP 401")
                                .contains("LEGNEXT_API_KEY");
                        assertThat(health.toString()).doesNotContain(KEY);
                    });
        }

        @Test
        void healthIsDownWhenTheAccountDoesNotAnswerInTime() throws Exception {
            startStub(200, "{}", true);
            runner.withPropertyValues(
                            "legnext.api-key=" + KEY,
                            "legnext.base-url=" + stubUrl(),
                            "legnext.health.timeout=300ms",
                            "legnext.request-timeout=60s")
                    .run(context -> {
                        Health health =
                                context.getBean(LegnextHealthIndicator.class).health();
                        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                        assertThat(health.getDetails().get("reason").toString())
                                .isEqualTo("the account did not answer within 300 ms");
                    });
        }

        @Test
        void theRequestTimeoutAndRetryPropertiesReachTheHttpAdapter() throws Exception {
            startStub(200, "{}", true);
            runner.withPropertyValues(
                            "legnext.api-key=" + KEY,
                            "legnext.base-url=" + stubUrl(),
                            "legnext.health.timeout=60s",
                            "legnext.request-timeout=500ms",
                            "legnext.lookup-retry.max-attempts=1")
                    .run(context -> {
                        Health health =
                                context.getBean(LegnextHealthIndicator.class).health();
                        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                        // The adapter's own timeout answered, long before the health check's.
                        assertThat(health.getDetails().get("reason").toString())
                                .doesNotContain("did not answer within 60000 ms")
                                .doesNotContain(KEY);
                    });
        }
    }

    private void startStub(int status, String body, boolean hang) throws Exception {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", exchange -> {
            if (hang) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        stub.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        stub.start();
    }

    private String stubUrl() {
        return "http://127.0.0.1:" + stub.getAddress().getPort();
    }

    @Configuration(proxyBeanMethods = false)
    static class HostWebhook {
        static final LegnextWebhookEndpoint ENDPOINT = new LegnextWebhookEndpoint(
                Legnext.standaloneCallbackReceiver(Optional.empty(), java.time.Clock.systemUTC()),
                event -> {},
                LegnextListener.NONE,
                java.time.Clock.systemUTC());
        static final RouterFunction<org.springframework.web.servlet.function.ServerResponse> ROUTE =
                org.springframework.web.servlet.function.RouterFunctions.route()
                        .GET(
                                "/elsewhere",
                                r -> org.springframework.web.servlet.function.ServerResponse.ok()
                                        .build())
                        .build();

        @Bean
        LegnextWebhookEndpoint hostEndpoint() {
            return ENDPOINT;
        }

        @Bean
        RouterFunction<org.springframework.web.servlet.function.ServerResponse> legnextWebhookRoute() {
            return ROUTE;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostBeans {
        static final VirtualTime TIME = new VirtualTime();
        static final FakeLegnext FAKE = FakeLegnext.builder(TIME).build();
        static final Legnext LEGNEXT =
                Legnext.builder().fake(FAKE).scheduler(TIME).build();
        static final JobJournalPort JOURNAL = new InMemoryJobJournal();
        static final ReceiveCallbackUseCase RECEIVER = LEGNEXT.callbackReceiver(Optional.empty());
        static final LegnextMetrics METRICS = new LegnextMetrics();
        static final LegnextWebhookSecret SECRET = new LegnextWebhookSecret(Optional.empty(), false);
        static final HealthIndicator HEALTH = () -> Health.up().build();

        @Bean
        Scheduler hostScheduler() {
            return TIME;
        }

        @Bean
        FakeLegnext hostFake() {
            return FAKE;
        }

        @Bean
        Legnext hostLegnext() {
            return LEGNEXT;
        }

        @Bean
        JobJournalPort hostJournal() {
            return JOURNAL;
        }

        @Bean
        ReceiveCallbackUseCase hostReceiver() {
            return RECEIVER;
        }

        @Bean
        LegnextMetrics hostMetrics() {
            return METRICS;
        }

        @Bean
        LegnextWebhookSecret hostSecret() {
            return SECRET;
        }

        @Bean
        HealthIndicator legnextHealthIndicator() {
            return HEALTH;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostGenerate {
        static final GenerateVideoUseCase GENERATE = request -> {
            throw new UnsupportedOperationException("the host's own");
        };

        @Bean
        GenerateVideoUseCase hostGenerate() {
            return GENERATE;
        }

        @Bean
        HostService hostService(GenerateVideoUseCase generate, GetJobUseCase jobs) {
            return new HostService(generate, jobs);
        }
    }

    /** Host code that injects use cases by type. */
    static final class HostService {
        final GenerateVideoUseCase generate;
        final GetJobUseCase jobs;

        HostService(GenerateVideoUseCase generate, GetJobUseCase jobs) {
            this.generate = generate;
            this.jobs = jobs;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostListener implements LegnextListener {
        final java.util.List<io.legnext.core.event.JobStateChanged> changes =
                new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void onJobStateChanged(io.legnext.core.event.JobStateChanged event) {
            changes.add(event);
        }
    }
}
