package io.legnext.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.legnext.core.callback.CallbackRejectedException.Reason;
import io.legnext.core.event.recording.RecordingListener;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Combining listeners: each hears every event in order, and a faulty one harms no one. */
class LegnextListenerTest {

    private static final CallbackRefused REFUSED =
            new CallbackRefused(Reason.MALFORMED, "not a task object", Instant.parse("2025-10-21T10:51:46Z"));

    /** System.Logger's default backend is java.util.logging: what the combination reports lands here. */
    private final Logger log = Logger.getLogger(LegnextListener.class.getName());

    private final List<LogRecord> reports = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            reports.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureReports() {
        log.addHandler(handler);
    }

    @AfterEach
    void releaseReports() {
        log.removeHandler(handler);
    }

    /** A listener that fails on every event it hears. */
    private static final class Faulty implements LegnextListener {
        int calls;

        @Override
        public void onCallbackRefused(CallbackRefused event) {
            calls++;
            throw new IllegalStateException("the host's listener has a bug");
        }

        @Override
        public String toString() {
            return "Faulty";
        }
    }

    @Test
    void aCombinationTellsEveryListenerInOrder() {
        List<String> heard = new CopyOnWriteArrayList<>();
        LegnextListener first = new LegnextListener() {
            @Override
            public void onCallbackRefused(CallbackRefused event) {
                heard.add("first");
            }
        };
        LegnextListener second = new LegnextListener() {
            @Override
            public void onCallbackRefused(CallbackRefused event) {
                heard.add("second");
            }
        };

        LegnextListener.combine(first, second).onCallbackRefused(REFUSED);

        assertThat(heard).containsExactly("first", "second");
    }

    @Test
    void aFaultyListenerReachesNeitherTheCallerNorTheOthers() {
        RecordingListener after = new RecordingListener();
        LegnextListener both = LegnextListener.combine(new Faulty(), after);

        assertThatNoException().isThrownBy(() -> both.onCallbackRefused(REFUSED));
        assertThat(after.events()).containsExactly(REFUSED);
    }

    @Test
    void aFaultyListenerIsReportedOnceHoweverOftenItFails() {
        Faulty faulty = new Faulty();
        LegnextListener isolated = LegnextListener.combine(faulty);

        isolated.onCallbackRefused(REFUSED);
        isolated.onCallbackRefused(REFUSED);
        isolated.onCallbackRefused(REFUSED);

        assertThat(faulty.calls).isEqualTo(3);
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.getMessage())
                    .contains("Faulty", "CallbackRefused", "the host's listener has a bug")
                    .doesNotContain("IllegalStateException");
            assertThat(r.getThrown()).hasMessage("the host's listener has a bug");
        });
    }

    @Test
    void combiningFlattensNestedCombinationsAndDropsNone() {
        RecordingListener inner = new RecordingListener();
        LegnextListener nested =
                LegnextListener.combine(LegnextListener.NONE, LegnextListener.combine(inner, LegnextListener.NONE));

        nested.onCallbackRefused(REFUSED);

        assertThat(inner.events()).containsExactly(REFUSED);
        assertThat(nested).hasToString("LegnextListener.combine(RecordingListener)");
    }

    @Test
    void theDefaultMethodsIgnoreEverything() {
        assertThatNoException().isThrownBy(() -> LegnextListener.NONE.onCallbackRefused(REFUSED));
        assertThat(LegnextListener.combine()).hasToString("LegnextListener.combine()");
    }
}
