package io.legnext.app;

import io.legnext.core.event.CallbackAccepted;
import io.legnext.core.event.CallbackRefused;
import io.legnext.core.event.JobStateChanged;
import io.legnext.core.event.LegnextListener;
import io.legnext.core.event.WaitEnded;
import io.legnext.core.event.WaitLookup;
import io.legnext.core.event.WaitStarted;
import io.legnext.core.secret.Redactor;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facade's default listener: logs waits and callbacks through SLF4J, every line through the {@link Redactor}.
 *
 * <p>On {@value #WAITS}: a failed lookup that the wait retries at WARN (what failed, when it looks again); every
 * other lookup, state change, start and end at DEBUG. On {@value #CALLBACKS}: a refused delivery at WARN (its status,
 * reason and message), an accepted one at DEBUG. HTTP attempts are the HTTP adapter's to log (retries at WARN on
 * {@code io.legnext.adapter.feign.retries}).
 */
public final class LoggingListener implements LegnextListener {

    /** The logger waits are logged on. */
    public static final String WAITS = "io.legnext.app.waits";
    /** The logger callbacks are logged on. */
    public static final String CALLBACKS = "io.legnext.app.callbacks";

    private final Redactor redactor;
    private final Logger waitLog;
    private final Logger callbackLog;

    /** @param redactor masks the key, a webhook secret and URL credentials in every line */
    public LoggingListener(Redactor redactor) {
        this(redactor, LoggerFactory.getLogger(WAITS), LoggerFactory.getLogger(CALLBACKS));
    }

    /** Logs on the given loggers: tests pass recording ones. */
    LoggingListener(Redactor redactor, Logger waits, Logger callbacks) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.waitLog = Objects.requireNonNull(waits, "waits");
        this.callbackLog = Objects.requireNonNull(callbacks, "callbacks");
    }

    @Override
    public void onWaitStarted(WaitStarted event) {
        if (waitLog.isDebugEnabled()) {
            debug(
                    waitLog,
                    "legnext waits for job " + event.id() + " until " + event.deadline()
                            + (event.callbackExpected() ? ", expecting a callback" : ""));
        }
    }

    @Override
    public void onWaitLookup(WaitLookup event) {
        String lookup = "legnext lookup " + event.number() + " of job " + event.id();
        if (event.succeeded()) {
            if (waitLog.isDebugEnabled()) {
                debug(waitLog, lookup + ": " + event.job().orElseThrow().status() + next(event.nextLookupAt()));
            }
            return;
        }
        String failure = event.failure().orElseThrow();
        if (event.nextLookupAt().isPresent()) {
            if (waitLog.isWarnEnabled()) {
                waitLog.warn(
                        "{}",
                        redactor.redact(lookup + " failed (" + inARow(event.consecutiveFailures())
                                + "); the wait looks again at "
                                + event.nextLookupAt().get() + ": " + failure));
            }
        } else if (waitLog.isDebugEnabled()) {
            debug(waitLog, lookup + " failed; the wait ends: " + failure);
        }
    }

    @Override
    public void onJobStateChanged(JobStateChanged event) {
        if (waitLog.isDebugEnabled()) {
            debug(
                    waitLog,
                    "legnext job " + event.job().id() + " is " + event.status()
                            + event.previous().map(p -> " (was " + p + ")").orElse("") + ", learnt from "
                            + event.source().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
    }

    @Override
    public void onWaitEnded(WaitEnded event) {
        if (waitLog.isDebugEnabled()) {
            debug(
                    waitLog,
                    "legnext wait for job " + event.id() + " ended "
                            + event.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " after "
                            + event.waited().toSeconds() + " s"
                            + event.failure().map(f -> ": " + f).orElse(""));
        }
    }

    @Override
    public void onCallbackAccepted(CallbackAccepted event) {
        if (callbackLog.isDebugEnabled()) {
            debug(
                    callbackLog,
                    "legnext accepted a callback for job " + event.job().id() + " ("
                            + event.job().status() + ")" + (event.duplicate() ? ", a duplicate: dropped" : ""));
        }
    }

    @Override
    public void onCallbackRefused(CallbackRefused event) {
        if (callbackLog.isWarnEnabled()) {
            callbackLog.warn(
                    "{}",
                    redactor.redact("legnext refused a callback (" + event.httpStatus() + ", "
                            + event.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "): "
                            + event.message()));
        }
    }

    private void debug(Logger log, String line) {
        log.debug("{}", redactor.redact(line));
    }

    private static String next(Optional<Instant> at) {
        return at.map(t -> "; next lookup at " + t).orElse("");
    }

    private static String inARow(int failures) {
        return failures == 1 ? "the first failure" : failures + " failures in a row";
    }

    @Override
    public String toString() {
        return "LoggingListener";
    }
}
