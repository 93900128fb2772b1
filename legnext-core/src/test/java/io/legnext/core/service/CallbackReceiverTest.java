package io.legnext.core.service;

import static io.legnext.core.job.TestJobs.VIDEO_JOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.legnext.core.callback.CallbackRejectedException;
import io.legnext.core.callback.CallbackRejectedException.Reason;
import io.legnext.core.callback.WebhookSignature;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import io.legnext.core.time.VirtualTime;
import io.legnext.core.wait.PollingPolicy;
import io.legnext.core.wait.WaitOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackReceiverTest {

    private static final String SECRET = "whsec-test-secret";
    private static final String ENDED_AT = "2025-10-21T10:54:22Z";

    private final VirtualTime time = new VirtualTime(Instant.parse("2025-10-21T10:54:23Z"));
    private final ScriptedJobQuery query = new ScriptedJobQuery(time.clock());
    private final JobWaiter waiter = new JobWaiter(query, time, PollingPolicy.defaults(), () -> 0.5);
    private final CallbackReceiver receiver =
            new CallbackReceiver(new RegexTaskDecoder(), Optional.of(SECRET), time.clock(), waiter);
    private final CallbackReceiver unsigned =
            new CallbackReceiver(new RegexTaskDecoder(), Optional.empty(), time.clock(), waiter);

    private static byte[] completed(JobId id) {
        return RegexTaskDecoder.task(id, "completed", ENDED_AT).getBytes(StandardCharsets.UTF_8);
    }

    private String now() {
        return Long.toString(time.now().getEpochSecond());
    }

    private static Map<String, List<String>> signed(byte[] body, String timestamp) {
        String signature = WebhookSignature.sign(SECRET.getBytes(StandardCharsets.UTF_8), timestamp, body);
        return timestamp == null
                ? Map.of("X-Legnext-Signature", List.of(signature))
                : Map.of("X-Legnext-Signature", List.of(signature), "X-Legnext-Timestamp", List.of(timestamp));
    }

    private static Reason rejection(Runnable delivery) {
        CallbackRejectedException e = catchThrowableOfType(CallbackRejectedException.class, delivery::run);
        assertThat(e).as("a rejection").isNotNull();
        assertThat(e.getMessage()).doesNotContain(SECRET);
        return e.reason();
    }

    // ---------------------------------------------------------------- good deliveries

    @Test
    void aGoodSignatureOverTimestampDotBodyIsAccepted() {
        byte[] body = completed(VIDEO_JOB);

        Optional<Job> job = receiver.receive(body, signed(body, now()));

        assertThat(job).hasValueSatisfying(j -> {
            assertThat(j.id()).isEqualTo(VIDEO_JOB);
            assertThat(j.status()).isEqualTo(JobStatus.COMPLETED);
        });
    }

    @Test
    void aGoodSignatureOverTheBodyAloneIsAcceptedWhenNoTimestampIsSent() {
        byte[] body = completed(VIDEO_JOB);

        assertThat(receiver.receive(body, signed(body, null))).isPresent();
    }

    @Test
    void headerNamesMatchInAnyCase() {
        byte[] body = completed(VIDEO_JOB);
        String ts = now();
        String signature = WebhookSignature.sign(SECRET.getBytes(StandardCharsets.UTF_8), ts, body);

        assertThat(receiver.receive(
                        body, Map.of("x-legnext-signature", List.of(signature), "X-LEGNEXT-TIMESTAMP", List.of(ts))))
                .isPresent();
    }

    @Test
    void withoutASecretAnUnsignedCallbackIsAccepted() {
        assertThat(unsigned.receive(completed(VIDEO_JOB), Map.of())).isPresent();
        assertThat(unsigned.verifiesSignatures()).isFalse();
    }

    @Test
    void aBlankSecretCountsAsNone() {
        CallbackReceiver blank = new CallbackReceiver(new RegexTaskDecoder(), Optional.of(""), time.clock(), waiter);

        assertThat(blank.verifiesSignatures()).isFalse();
        assertThat(blank.receive(completed(VIDEO_JOB), Map.of())).isPresent();
    }

    @Test
    void aTimestampInMillisecondsIsReadAsSuch() {
        byte[] body = completed(VIDEO_JOB);

        assertThat(receiver.receive(body, signed(body, Long.toString(time.now().toEpochMilli()))))
                .isPresent();
    }

    // ---------------------------------------------------------------- rejections

    @Test
    void aForgedSignatureIsRejected() {
        byte[] body = completed(VIDEO_JOB);
        String ts = now();
        String forged = WebhookSignature.sign("another-secret".getBytes(StandardCharsets.UTF_8), ts, body);
        Map<String, List<String>> headers =
                Map.of("X-Legnext-Signature", List.of(forged), "X-Legnext-Timestamp", List.of(ts));

        assertThat(rejection(() -> receiver.receive(body, headers))).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(Reason.BAD_SIGNATURE.httpStatus()).isEqualTo(401);
    }

    @Test
    void aBodyAlteredAfterSigningIsRejected() {
        byte[] body = completed(VIDEO_JOB);
        Map<String, List<String>> headers = signed(body, now());
        byte[] altered = RegexTaskDecoder.task(VIDEO_JOB, "failed", ENDED_AT).getBytes(StandardCharsets.UTF_8);

        assertThat(rejection(() -> receiver.receive(altered, headers))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aMissingSignatureIsRejectedWhenASecretIsConfigured() {
        assertThat(rejection(
                        () -> receiver.receive(completed(VIDEO_JOB), Map.of("X-Legnext-Timestamp", List.of(now())))))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(longs = {-301, 301, -3600, 86_400})
    void aTimestampMoreThanFiveMinutesFromNowIsStale(long offsetSeconds) {
        byte[] body = completed(VIDEO_JOB);
        String ts = Long.toString(time.now().getEpochSecond() + offsetSeconds);

        assertThat(rejection(() -> receiver.receive(body, signed(body, ts)))).isEqualTo(Reason.STALE_TIMESTAMP);
    }

    @ParameterizedTest
    @ValueSource(longs = {-300, -299, 0, 299, 300})
    void aTimestampWithinFiveMinutesIsFresh(long offsetSeconds) {
        byte[] body = completed(VIDEO_JOB);
        String ts = Long.toString(time.now().getEpochSecond() + offsetSeconds);

        assertThat(receiver.receive(body, signed(body, ts))).isPresent();
    }

    @Test
    void theToleranceCanBeChanged() {
        byte[] body = completed(VIDEO_JOB);
        String ts = Long.toString(time.now().getEpochSecond() - 60);

        assertThat(rejection(
                        () -> receiver.withTolerance(Duration.ofSeconds(30)).receive(body, signed(body, ts))))
                .isEqualTo(Reason.STALE_TIMESTAMP);
    }

    @Test
    void aTimestampThatIsNotANumberIsRejected() {
        byte[] body = completed(VIDEO_JOB);

        assertThat(rejection(() -> receiver.receive(body, signed(body, "yesterday"))))
                .isEqualTo(Reason.STALE_TIMESTAMP);
    }

    @Test
    void whenTimestampsAreRequiredASignedDeliveryWithoutOneIsRefused() {
        byte[] body = completed(VIDEO_JOB);
        CallbackReceiver strict = receiver.withTimestampRequired(true);

        CallbackRejectedException e =
                catchThrowableOfType(CallbackRejectedException.class, () -> strict.receive(body, signed(body, null)));

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.STALE_TIMESTAMP);
        assertThat(e.reason().httpStatus()).isEqualTo(401);
        assertThat(e.getMessage())
                .contains("no X-Legnext-Timestamp header")
                .contains("replayed")
                .doesNotContain(SECRET);
    }

    @Test
    void whenTimestampsAreRequiredAFreshTimestampedDeliveryIsAccepted() {
        byte[] body = completed(VIDEO_JOB);

        assertThat(receiver.withTimestampRequired(true).receive(body, signed(body, now())))
                .isPresent();
    }

    @Test
    void theTimestampRequirementIsKeptByTheOtherSettings() {
        CallbackReceiver strict = receiver.withTimestampRequired(true);

        assertThat(strict.withTolerance(Duration.ofMinutes(1)).requiresTimestamp())
                .isTrue();
        assertThat(strict.withMaxBodyBytes(10).requiresTimestamp()).isTrue();
        assertThat(strict.withDedupCapacity(10).requiresTimestamp()).isTrue();
    }

    @Test
    void requiringTimestampsWithoutASecretIsRefusedAsProtectingNothing() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> unsigned.withTimestampRequired(true))
                .withMessageStartingWith(
                        "'timestampRequired' can be true only with a webhook secret, was true" + " without one");
        assertThat(unsigned.withTimestampRequired(false).requiresTimestamp()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "<html>502 Bad Gateway</html>",
                "{\"code\":400,\"message\":\"oops\"}",
                "{\"job_id\":\"not-a-uuid\",\"task_type\":\"video_diffusion\",\"status\":\"completed\"}",
                ""
            })
    void aBodyThatIsNotATaskIsMalformed(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);

        assertThat(rejection(() -> receiver.receive(body, signed(body, now())))).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(() -> unsigned.receive(body, Map.of()))).isEqualTo(Reason.MALFORMED);
        assertThat(Reason.MALFORMED.httpStatus()).isEqualTo(400);
    }

    @Test
    void anOversizedBodyIsRejectedBeforeAnythingElse() {
        byte[] body = new byte[CallbackReceiver.DEFAULT_MAX_BODY_BYTES + 1];

        assertThat(rejection(() -> receiver.receive(body, Map.of()))).isEqualTo(Reason.TOO_LARGE);
        assertThat(rejection(() -> unsigned.receive(body, Map.of()))).isEqualTo(Reason.TOO_LARGE);
        assertThat(Reason.TOO_LARGE.httpStatus()).isEqualTo(413);
    }

    @Test
    void theSizeLimitCanBeChangedAndABodyAtTheLimitPasses() {
        byte[] body = completed(VIDEO_JOB);

        assertThat(unsigned.withMaxBodyBytes(body.length).receive(body, Map.of()))
                .isPresent();
        assertThat(rejection(() -> unsigned.withMaxBodyBytes(body.length - 1).receive(body, Map.of())))
                .isEqualTo(Reason.TOO_LARGE);
    }

    // ---------------------------------------------------------------- once per job state

    @Test
    void aDuplicateDeliveryIsDeliveredOnce() {
        byte[] body = completed(VIDEO_JOB);

        assertThat(receiver.receive(body, signed(body, now()))).isPresent();
        time.advance(Duration.ofSeconds(10));
        assertThat(receiver.receive(body, signed(body, now()))).isEmpty();
    }

    /**
     * A captured delivery sent again byte for byte, headers and all: not delivered again by a receiver that remembers
     * it, and refused by any receiver once its timestamp is outside the window. (A receiver that has forgotten it, by
     * a restart or past its dedup capacity, would deliver it again inside the window: that is the documented limit.)
     */
    @Test
    void aReplayedDeliveryIsNotDeliveredAgainAndIsRefusedOnceItsTimestampIsStale() {
        byte[] body = completed(VIDEO_JOB);
        Map<String, List<String>> captured = signed(body, now());
        assertThat(receiver.receive(body, captured)).isPresent();

        time.advance(Duration.ofSeconds(30));
        assertThat(receiver.receive(body, captured))
                .as("within the window: acknowledged, not delivered")
                .isEmpty();

        time.advance(Duration.ofMinutes(5));
        assertThat(rejection(() -> receiver.receive(body, captured))).isEqualTo(Reason.STALE_TIMESTAMP);
        // Refused on its timestamp, not on memory: a receiver that never saw it (a restart) refuses it too.
        CallbackReceiver fresh = receiver.withDedupCapacity(10);
        assertThat(rejection(() -> fresh.receive(body, captured))).isEqualTo(Reason.STALE_TIMESTAMP);
    }

    @Test
    void aNewStateOfTheSameJobIsDeliveredAgain() {
        byte[] processing = RegexTaskDecoder.task(VIDEO_JOB, "processing", "").getBytes(StandardCharsets.UTF_8);

        assertThat(unsigned.receive(processing, Map.of())).isPresent();
        assertThat(unsigned.receive(completed(VIDEO_JOB), Map.of())).isPresent();
    }

    @Test
    void theMemoryOfDeliveredStatesIsBounded() {
        CallbackReceiver small = unsigned.withDedupCapacity(2);
        JobId a = JobId.random();

        small.receive(completed(a), Map.of());
        small.receive(completed(JobId.random()), Map.of());
        small.receive(completed(JobId.random()), Map.of());

        assertThat(small.receive(completed(a), Map.of()))
                .as("forgotten, so delivered again")
                .isPresent();
    }

    @Test
    void aRejectedDeliveryIsNotRemembered() {
        byte[] body = completed(VIDEO_JOB);

        rejection(() -> receiver.receive(body, Map.of()));

        assertThat(receiver.receive(body, signed(body, now()))).isPresent();
    }

    // ---------------------------------------------------------------- waits

    @Test
    void aVerifiedCallbackCompletesTheWaitOnItsJobAtOnce() {
        query.add(VIDEO_JOB, TaskType.Kind.VIDEO_DIFFUSION, time.now(), Duration.ofSeconds(200), JobStatus.COMPLETED);
        CompletableFuture<Job> future =
                waiter.waitFor(VIDEO_JOB, WaitOptions.defaults().withCallbackExpected(true));
        time.advance(Duration.ofSeconds(200));
        byte[] body = completed(VIDEO_JOB);

        receiver.receive(body, signed(body, now()));

        assertThat(future).isCompleted();
        assertThat(query.lookups()).hasSize(1);
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void aRejectedCallbackDoesNotTouchTheWait() {
        query.add(VIDEO_JOB, TaskType.Kind.VIDEO_DIFFUSION, time.now(), Duration.ofSeconds(200), JobStatus.COMPLETED);
        CompletableFuture<Job> future = waiter.waitFor(VIDEO_JOB, WaitOptions.defaults());

        rejection(() -> receiver.receive(completed(VIDEO_JOB), Map.of("X-Legnext-Signature", List.of("00"))));

        assertThat(future).isNotDone();
    }

    @Test
    void aCallbackForAJobNobodyWaitsOnIsStillReturned() {
        JobId stranger = JobId.random();

        Optional<Job> job = receiver.receive(completed(stranger), signed(completed(stranger), now()));

        assertThat(job).map(Job::id).contains(stranger);
        assertThat(waiter.activeWaits()).isZero();
    }

    @Test
    void aReceiverWithoutAWaiterStillReturnsJobs() {
        CallbackReceiver standalone =
                new CallbackReceiver(new RegexTaskDecoder(), Optional.empty(), time.clock(), null);

        assertThat(standalone.receive(completed(VIDEO_JOB), Map.of())).isPresent();
    }

    // ---------------------------------------------------------------- configuration

    @Test
    void toStringNeverShowsTheSecret() {
        assertThat(receiver.toString()).doesNotContain(SECRET).contains("secret=configured");
        assertThat(receiver.withTimestampRequired(true).toString())
                .doesNotContain(SECRET)
                .contains("timestampRequired=true");
        assertThat(unsigned.toString()).contains("secret=none");
    }

    @Test
    void defaultsAreFiveMinutesOneMebibyteAndOptionalTimestamps() {
        assertThat(receiver.tolerance()).isEqualTo(Duration.ofMinutes(5));
        assertThat(receiver.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(receiver.requiresTimestamp()).isFalse();
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> receiver.withTolerance(Duration.ZERO))
                .withMessage("'tolerance' must be a positive duration, was PT0S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> receiver.withMaxBodyBytes(0))
                .withMessage("'maxBodyBytes' must be at least 1, was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> receiver.withDedupCapacity(0))
                .withMessage("'dedupCapacity' must be at least 1, was 0");
    }

    @Test
    void anIntermediateStateOfAnotherTaskTypeIsDeliveredToo() {
        byte[] body = ("{\"job_id\":\"" + VIDEO_JOB + "\",\"task_type\":\"video-upscale\",\"status\":\"staged\"}")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(unsigned.receive(body, Map.of()))
                .map(j -> j.taskType().kind())
                .contains(TaskType.Kind.VIDEO_UPSCALE);
    }
}
