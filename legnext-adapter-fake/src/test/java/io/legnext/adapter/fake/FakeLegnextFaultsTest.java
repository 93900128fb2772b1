package io.legnext.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.legnext.core.error.ForbiddenException;
import io.legnext.core.error.NotFoundException;
import io.legnext.core.error.RateLimitedException;
import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobFailure;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.time.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Host tests script faults; each strikes once, the next matching call, and then the fake behaves again. */
class FakeLegnextFaultsTest {

    private final VirtualTime time = new VirtualTime();
    private final List<Duration> slept = new CopyOnWriteArrayList<>();
    private final FakeLegnext legnext =
            FakeLegnext.builder(time).seed(3).sleeper(slept::add).build();

    // ------------------------------------------------------------------ failing jobs

    @Test
    void aJobScriptedToFailRunsThenFailsWithTheGivenCodeAndMessage() {
        legnext.failNextJob(10001, "The prompt was flagged by moderation");
        JobId id = legnext.generate(TextToVideo.of("a fox")).id();

        Job running = legnext.getJob(id);
        time.advance(Duration.ofMinutes(10));
        Job failed = legnext.getJob(id);

        assertThat(running.status()).isEqualTo(JobStatus.PENDING);
        assertThat(running.failure()).isEmpty();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.failure()).contains(new JobFailure(10001, "The prompt was flagged by moderation", ""));
        assertThat(failed.endedAt()).isPresent();
        assertThat(failed.videoUrls()).isEmpty();
        assertThat(failed.usage().frozen()).isEqualTo(480);
        assertThat(failed.usage().consumed()).isZero();
    }

    @Test
    void onlyTheNextJobFails() {
        legnext.failNextJob(500, "Task failed");
        JobId first = legnext.generate(TextToVideo.of("a fox")).id();
        JobId second = legnext.generate(TextToVideo.of("a fox")).id();
        time.advance(Duration.ofMinutes(10));

        assertThat(legnext.getJob(first).isFailed()).isTrue();
        assertThat(legnext.getJob(second).isCompleted()).isTrue();
    }

    @Test
    void aScriptedFailureWaitsForASubmitThatIsAccepted() {
        legnext.failNextJob(500, "Task failed");
        assertThatThrownBy(() -> legnext.extend(ExtendVideo.of(JobId.random().toString(), 0)))
                .isInstanceOf(NotFoundException.class);

        JobId id = legnext.upscale(
                        UpscaleVideo.of(legnext.seedCompletedVideoJob().toString(), 0))
                .id();
        time.advance(Duration.ofMinutes(10));

        assertThat(legnext.getJob(id).isFailed()).isTrue();
    }

    // ------------------------------------------------------------------ refused submits

    @Test
    void aRateLimitedSubmitCarriesTheRetryHintAndCreatesNoJob() {
        legnext.rateLimitNextSubmit(Duration.ofSeconds(30));

        assertThatThrownBy(() -> legnext.generate(TextToVideo.of("a fox")))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.httpStatus()).hasValue(429);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
                    assertThat(e.rawBody())
                            .contains("{\"code\":429,\"message\":\"Too many requests, please try again"
                                    + " later\",\"raw_message\":\"\",\"detail\":null}");
                    assertThat(e.getMessage()).contains("Retry after 30 s");
                });
        assertThat(legnext.jobCount()).isZero();
        assertThat(legnext.getBalance().availablePoints()).isEqualTo(FakeLegnext.DEFAULT_POINTS);
    }

    @Test
    void aRateLimitMayComeWithoutARetryHint() {
        legnext.rateLimitNextSubmit(null);

        assertThatThrownBy(() -> legnext.generate(TextToVideo.of("a fox")))
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEmpty());
    }

    @Test
    void aContentRefusalIs403WithATaskShapedBody() throws Exception {
        legnext.refuseNextSubmitForContent();

        ForbiddenException refused =
                (ForbiddenException) catchThrowable(() -> legnext.generate(TextToVideo.of("something banned")));

        assertThat(refused.httpStatus()).hasValue(403);
        assertThat(refused.serviceMessage()).isEqualTo("Sensitive content detected");
        JsonNode body = new ObjectMapper().readTree(refused.rawBody().orElseThrow());
        assertThat(body.get("job_id").asText()).isEmpty();
        assertThat(body.get("status").asText()).isEqualTo("failed");
        assertThat(body.get("task_type").asText()).isEqualTo("video_diffusion");
        assertThat(body.at("/error/code").asInt()).isEqualTo(403);
        assertThat(body.at("/error/raw_message").asText())
                .isEqualTo("Banned prompt detected: please modify your prompt");
        assertThat(body.at("/meta/usage/frozen").asInt()).isZero();
        assertThat(legnext.jobCount()).isZero();
    }

    @Test
    void aContentRefusalCarriesTheGivenReasonAndTheOperationsTaskType() {
        legnext.refuseNextSubmitForContent("Banned image detected");
        JobId source = legnext.seedCompletedVideoJob();

        assertThatThrownBy(() -> legnext.extend(ExtendVideo.of(source.toString(), 0)))
                .isInstanceOfSatisfying(ForbiddenException.class, e -> {
                    assertThat(e.error().rawMessage()).isEqualTo("Banned image detected");
                    assertThat(e.rawBody())
                            .hasValueSatisfying(b -> assertThat(b).contains("\"extend_video\""));
                });
    }

    static Stream<Arguments> submitFaults() {
        return Stream.of(
                Arguments.of("rate limit", (Consumer<FakeLegnext>) f -> f.rateLimitNextSubmit(Duration.ofSeconds(1))),
                Arguments.of("content refusal", (Consumer<FakeLegnext>) FakeLegnext::refuseNextSubmitForContent));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("submitFaults")
    void aRefusalStrikesOnceThenSubmitsAreAcceptedAgain(String fault, Consumer<FakeLegnext> arm) {
        arm.accept(legnext);

        assertThatThrownBy(() -> legnext.generate(TextToVideo.of("a fox"))).isNotNull();
        assertThatCode(() -> legnext.generate(TextToVideo.of("a fox"))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("submitFaults")
    void faultsArmedTwiceStrikeTwice(String fault, Consumer<FakeLegnext> arm) {
        arm.accept(legnext);
        arm.accept(legnext);

        assertThatThrownBy(() -> legnext.generate(TextToVideo.of("a fox"))).isNotNull();
        assertThatThrownBy(() -> legnext.generate(TextToVideo.of("a fox"))).isNotNull();
        assertThatCode(() -> legnext.generate(TextToVideo.of("a fox"))).doesNotThrowAnyException();
    }

    @Test
    void aLostSubmitResponseCreatesAndChargesTheJobAndSaysItMayExist() {
        legnext.makeNextSubmitUnavailable();

        assertThatThrownBy(() -> legnext.generate(TextToVideo.of("a fox")))
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
                    assertThat(e.submitMayHaveReachedService()).isTrue();
                    assertThat(e.httpStatus()).hasValue(503);
                    assertThat(e.getMessage()).contains(ServiceUnavailableException.MAY_EXIST_ADVICE);
                });
        assertThat(legnext.jobCount()).isEqualTo(1);
        assertThat(legnext.getBalance().availablePoints()).isEqualTo(FakeLegnext.DEFAULT_POINTS - 480);
    }

    // ------------------------------------------------------------------ lookups

    @Test
    void aSlowLookupWaitsTheGivenTimeThroughTheSleeperThenAnswers() {
        JobId id = legnext.generate(TextToVideo.of("a fox")).id();
        legnext.slowDownNextLookup(Duration.ofSeconds(45));

        Job job = legnext.getJob(id);
        legnext.getJob(id);

        assertThat(job.id()).isEqualTo(id);
        assertThat(slept).containsExactly(Duration.ofSeconds(45));
    }

    @Test
    void aSlowLookupReallyBlocksWithTheDefaultSleeper() {
        FakeLegnext real = FakeLegnext.builder(time).build();
        JobId id = real.seedCompletedVideoJob();
        real.slowDownNextLookup(Duration.ofMillis(50));

        long start = System.nanoTime();
        real.getJob(id);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void anInterruptedSlowLookupFailsAsUnavailableAndKeepsTheInterrupt() {
        FakeLegnext interrupted = FakeLegnext.builder(time)
                .sleeper(d -> {
                    throw new InterruptedException();
                })
                .build();
        JobId id = interrupted.seedCompletedVideoJob();
        interrupted.slowDownNextLookup(Duration.ofMinutes(1));

        try {
            assertThatThrownBy(() -> interrupted.getJob(id))
                    .isInstanceOfSatisfying(
                            ServiceUnavailableException.class,
                            e -> assertThat(e.submitMayHaveReachedService()).isFalse());
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void anUnavailableLookupIs503AndSafeToRetry() {
        JobId id = legnext.seedCompletedVideoJob();
        legnext.makeNextLookupUnavailable();

        assertThatThrownBy(() -> legnext.getJob(id)).isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
            assertThat(e.httpStatus()).hasValue(503);
            assertThat(e.submitMayHaveReachedService()).isFalse();
            assertThat(e.rawBody())
                    .contains("{\"error\":{\"code\":503,\"message\":\"Service temporarily unavailable\"}}");
            assertThat(e.getMessage()).startsWith("Looking up job " + id + " failed: HTTP 503");
        });
        assertThat(legnext.getJob(id).id()).isEqualTo(id);
    }

    @Test
    void lookupFaultsDoNotTouchSubmits() {
        legnext.makeNextLookupUnavailable();

        assertThatCode(() -> legnext.generate(TextToVideo.of("a fox"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> legnext.getJob(legnext.seedCompletedVideoJob()))
                .isInstanceOf(ServiceUnavailableException.class);
    }

    @Test
    void clearFaultsDisarmsEverything() {
        legnext.failNextJob(1, "x");
        legnext.rateLimitNextSubmit(Duration.ofSeconds(1));
        legnext.makeNextSubmitUnavailable();
        legnext.makeNextLookupUnavailable();

        legnext.clearFaults();
        JobId id = legnext.generate(TextToVideo.of("a fox")).id();
        time.advance(Duration.ofMinutes(10));

        assertThat(legnext.getJob(id).isCompleted()).isTrue();
    }

    // ------------------------------------------------------------------ one-shot under concurrency

    @Test
    void underConcurrentSubmitsEachArmedFaultStrikesExactlyOnce() throws Exception {
        FakeLegnext rich = FakeLegnext.builder(time).availablePoints(1_000_000).build();
        rich.rateLimitNextSubmit(Duration.ofSeconds(1));
        rich.refuseNextSubmitForContent();
        rich.failNextJob(7, "boom");
        AtomicInteger rateLimited = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 50; i++) {
                        try {
                            rich.generate(TextToVideo.of("a fox"));
                        } catch (RateLimitedException e) {
                            rateLimited.incrementAndGet();
                        } catch (ForbiddenException e) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        time.advance(Duration.ofMinutes(10));

        assertThat(rateLimited).hasValue(1);
        assertThat(refused).hasValue(1);
        assertThat(rich.jobCount()).isEqualTo(8 * 50 - 2);
        // One job failed and was refunded: every other one was charged.
        assertThat(rich.getBalance().availablePoints()).isEqualTo(1_000_000 - (8 * 50 - 3) * 480L);
    }
}
