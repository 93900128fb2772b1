package io.legnext.core.service;

import static io.legnext.core.job.TestJobs.VIDEO_JOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.legnext.core.callback.CallbackRejectedException;
import io.legnext.core.callback.CallbackRejectedException.Reason;
import io.legnext.core.callback.WebhookSignature;
import io.legnext.core.event.CallbackAccepted;
import io.legnext.core.event.CallbackRefused;
import io.legnext.core.event.JobStateChanged;
import io.legnext.core.event.LegnextListener;
import io.legnext.core.event.recording.RecordingListener;
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
import org.junit.jupiter.api.Test;

/** What a listener hears of callbacks: each delivery accepted, duplicate or refused with its reason. */
class CallbackReceiverEventsTest {

    private static final String SECRET = "whsec-test-secret";
    private static final String ENDED_AT = "2025-10-21T10:54:22Z";

    private final VirtualTime time = new VirtualTime(Instant.parse("2025-10-21T10:54:23Z"));
    private final RecordingListener heard = new RecordingListener();
    private final JobWaiter waiter =
            new JobWaiter(new ScriptedJobQuery(time.clock()), time, PollingPolicy.defaults(), () -> 0.5, heard);
    private final CallbackReceiver receiver =
            new CallbackReceiver(new RegexTaskDecoder(), Optional.of(SECRET), time.clock(), waiter, heard);

    private static byte[] completed() {
        return RegexTaskDecoder.task(VIDEO_JOB, "completed", ENDED_AT).getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, List<String>> signed(byte[] body) {
        String ts = Long.toString(time.now().getEpochSecond());
        return Map.of(
                "X-Legnext-Signature",
                List.of(WebhookSignature.sign(SECRET.getBytes(StandardCharsets.UTF_8), ts, body)),
                "X-Legnext-Timestamp",
                List.of(ts));
    }

    @Test
    void anAcceptedDeliveryIsHeardBeforeTheWaitItCompletes() {
        waiter.waitFor(
                io.legnext.core.job.TestJobs.pending(VIDEO_JOB, TaskType.Kind.VIDEO_DIFFUSION), WaitOptions.defaults());
        byte[] body = completed();

        receiver.receive(body, signed(body));

        assertThat(heard.names())
                .containsExactly("WaitStarted", "JobStateChanged", "CallbackAccepted", "JobStateChanged", "WaitEnded");
        assertThat(heard.of(CallbackAccepted.class)).singleElement().satisfies(a -> {
            assertThat(a.job().id()).isEqualTo(VIDEO_JOB);
            assertThat(a.job().status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(a.duplicate()).isFalse();
            assertThat(a.at()).isEqualTo(time.now());
        });
        assertThat(heard.of(JobStateChanged.class))
                .last()
                .satisfies(c -> assertThat(c.source()).isEqualTo(JobStateChanged.Source.CALLBACK));
    }

    @Test
    void aDuplicateDeliveryIsHeardAsSuch() {
        byte[] body = completed();
        receiver.receive(body, signed(body));

        receiver.receive(body, signed(body));

        assertThat(heard.of(CallbackAccepted.class))
                .extracting(CallbackAccepted::duplicate)
                .containsExactly(false, true);
    }

    @Test
    void aRefusedDeliveryIsHeardWithItsReasonStatusAndMessage() {
        byte[] body = completed();
        Map<String, List<String>> forged = Map.of("X-Legnext-Signature", List.of("sha256=00"));

        assertThatThrownBy(() -> receiver.receive(body, forged)).isInstanceOf(CallbackRejectedException.class);

        assertThat(heard.of(CallbackRefused.class)).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(Reason.BAD_SIGNATURE);
            assertThat(r.httpStatus()).isEqualTo(401);
            assertThat(r.message()).contains("X-Legnext-Signature").doesNotContain(SECRET);
            assertThat(r.at()).isEqualTo(time.now());
        });
        assertThat(heard.of(CallbackAccepted.class)).isEmpty();
    }

    @Test
    void everyReasonForARefusalIsHeard() {
        byte[] body = completed();
        String stale = Long.toString(time.now().minus(Duration.ofHours(1)).getEpochSecond());
        Map<String, List<String>> staleHeaders = Map.of(
                "X-Legnext-Signature",
                List.of(WebhookSignature.sign(SECRET.getBytes(StandardCharsets.UTF_8), stale, body)),
                "X-Legnext-Timestamp",
                List.of(stale));
        byte[] notATask = "{\"hello\":1}".getBytes(StandardCharsets.UTF_8);

        refuse(() -> receiver.withMaxBodyBytes(10).receive(body, signed(body)));
        refuse(() -> receiver.receive(body, staleHeaders));
        refuse(() -> receiver.receive(notATask, signed(notATask)));

        assertThat(heard.of(CallbackRefused.class))
                .extracting(CallbackRefused::reason)
                .containsExactly(Reason.TOO_LARGE, Reason.STALE_TIMESTAMP, Reason.MALFORMED);
    }

    @Test
    void aFaultyListenerChangesNoAnswer() {
        LegnextListener faulty = new LegnextListener() {
            @Override
            public void onCallbackAccepted(CallbackAccepted event) {
                throw new IllegalStateException("listener bug");
            }
        };
        CallbackReceiver withFaulty =
                new CallbackReceiver(new RegexTaskDecoder(), Optional.empty(), time.clock(), null, faulty);

        assertThat(withFaulty.receive(completed(), Map.of())).isPresent();
    }

    private static void refuse(Runnable delivery) {
        assertThatThrownBy(delivery::run).isInstanceOf(CallbackRejectedException.class);
    }
}
