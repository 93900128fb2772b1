package io.legnext.core.service;

import io.legnext.core.callback.CallbackRejectedException;
import io.legnext.core.callback.CallbackRejectedException.Reason;
import io.legnext.core.callback.WebhookSignature;
import io.legnext.core.error.LegnextException;
import io.legnext.core.event.CallbackAccepted;
import io.legnext.core.event.CallbackRefused;
import io.legnext.core.event.LegnextListener;
import io.legnext.core.job.Job;
import io.legnext.core.port.in.ReceiveCallbackUseCase;
import io.legnext.core.port.out.TaskDecoderPort;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Service behind callback ingestion: checks size, signature and timestamp, decodes the task, delivers each job state
 * once and hands it to the {@link JobWaiter} so that a wait on that job completes at once.
 *
 * <p>Checks, in order: the body size ({@link Reason#TOO_LARGE}); when a secret is configured, the
 * {@code X-Legnext-Signature} header (missing or wrong: {@link Reason#BAD_SIGNATURE}), over
 * {@code "<timestamp>." + body} when {@code X-Legnext-Timestamp} is present, then that timestamp's age
 * ({@link Reason#STALE_TIMESTAMP}); then the body as a task object ({@link Reason#MALFORMED}). Without a secret,
 * deliveries are accepted unsigned and the timestamp is not checked, since nothing vouches for it. A blank secret
 * counts as none: every secret the service has been seen to use is "". Header names match in any case. Timestamps
 * are epoch seconds; a value of 13 digits or more is read as epoch milliseconds.
 *
 * <p>A signed delivery without a timestamp is accepted by default, since the service may sign that way; its age
 * cannot be told, so a captured copy can be replayed at any time (and is delivered again once the memory below has
 * forgotten it). {@link #withTimestampRequired(boolean)} refuses such deliveries ({@link Reason#STALE_TIMESTAMP}).
 *
 * <p>A delivery of a job state already delivered (same job id, status, start and end time) answers empty. The
 * memory of delivered states is bounded: the last {@link #DEFAULT_DEDUP_CAPACITY} states, least recently seen
 * forgotten first. Thread-safe.
 *
 * <p>A {@link LegnextListener} hears of every delivery: {@link CallbackAccepted} (a duplicate included, marked as
 * such) or {@link CallbackRefused} with its reason.
 */
public final class CallbackReceiver implements ReceiveCallbackUseCase {

    /** How far a signed timestamp may be from now, by default: 5 minutes, as is usual for webhook signatures. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    /** The largest body accepted, by default: 1 MiB, far above any task object (a few KiB). */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    /** How many delivered job states are remembered to drop duplicates. */
    public static final int DEFAULT_DEDUP_CAPACITY = 10_000;

    private static final long MILLIS_THRESHOLD = 1_000_000_000_000L;

    private final TaskDecoderPort decoder;
    private final byte[] secret;
    private final Clock clock;
    private final JobWaiter waiter;
    private final Duration tolerance;
    private final int maxBodyBytes;
    private final int dedupCapacity;
    private final boolean timestampRequired;
    private final LegnextListener listener;
    private final Map<String, Boolean> delivered;

    /**
     * @param decoder reads the task object
     * @param secret the webhook secret; when present and not blank, every delivery must be signed with it
     * @param clock tells how old a timestamp is
     * @param waiter told of every new job state; null when nobody waits in this process
     */
    public CallbackReceiver(TaskDecoderPort decoder, Optional<String> secret, Clock clock, JobWaiter waiter) {
        this(decoder, secret, clock, waiter, LegnextListener.NONE);
    }

    /**
     * @param decoder reads the task object
     * @param secret the webhook secret; when present and not blank, every delivery must be signed with it
     * @param clock tells how old a timestamp is, and when each delivery was received
     * @param waiter told of every new job state; null when nobody waits in this process
     * @param listener hears of every delivery accepted or refused
     */
    public CallbackReceiver(
            TaskDecoderPort decoder, Optional<String> secret, Clock clock, JobWaiter waiter, LegnextListener listener) {
        this(
                decoder,
                Objects.requireNonNull(secret, "secret")
                        .filter(s -> !s.isBlank())
                        .map(s -> s.getBytes(StandardCharsets.UTF_8))
                        .orElse(null),
                clock,
                waiter,
                DEFAULT_TOLERANCE,
                DEFAULT_MAX_BODY_BYTES,
                DEFAULT_DEDUP_CAPACITY,
                false,
                LegnextListener.combine(Objects.requireNonNull(listener, "listener")));
    }

    private CallbackReceiver(
            TaskDecoderPort decoder,
            byte[] secret,
            Clock clock,
            JobWaiter waiter,
            Duration tolerance,
            int maxBodyBytes,
            int dedupCapacity,
            boolean timestampRequired,
            LegnextListener listener) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.secret = secret;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.waiter = waiter;
        this.listener = listener;
        if (tolerance == null || tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("'tolerance' must be a positive duration, was " + tolerance);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("'maxBodyBytes' must be at least 1, was " + maxBodyBytes);
        }
        if (dedupCapacity < 1) {
            throw new IllegalArgumentException("'dedupCapacity' must be at least 1, was " + dedupCapacity);
        }
        if (timestampRequired && secret == null) {
            throw new IllegalArgumentException("'timestampRequired' can be true only with a webhook secret, was true"
                    + " without one: an unsigned delivery's timestamp is vouched for by nothing, so requiring it"
                    + " would not stop a replay. Configure the secret, or leave timestamps optional.");
        }
        this.timestampRequired = timestampRequired;
        this.tolerance = tolerance;
        this.maxBodyBytes = maxBodyBytes;
        this.dedupCapacity = dedupCapacity;
        this.delivered = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > CallbackReceiver.this.dedupCapacity;
            }
        };
    }

    /** A receiver like this one accepting timestamps up to {@code value} away from now; its memory starts empty. */
    public CallbackReceiver withTolerance(Duration value) {
        return new CallbackReceiver(
                decoder, secret, clock, waiter, value, maxBodyBytes, dedupCapacity, timestampRequired, listener);
    }

    /** A receiver like this one accepting bodies up to {@code value} bytes; its memory starts empty. */
    public CallbackReceiver withMaxBodyBytes(int value) {
        return new CallbackReceiver(
                decoder, secret, clock, waiter, tolerance, value, dedupCapacity, timestampRequired, listener);
    }

    /** A receiver like this one remembering the last {@code value} job states; its memory starts empty. */
    public CallbackReceiver withDedupCapacity(int value) {
        return new CallbackReceiver(
                decoder, secret, clock, waiter, tolerance, maxBodyBytes, value, timestampRequired, listener);
    }

    /**
     * A receiver like this one that, when {@code value} is true, refuses a signed delivery without an
     * {@code X-Legnext-Timestamp} header, so that no delivery escapes the staleness check; its memory starts empty.
     *
     * @throws IllegalArgumentException when {@code value} is true and this receiver has no secret: nothing would
     *     vouch for the timestamp
     */
    public CallbackReceiver withTimestampRequired(boolean value) {
        return new CallbackReceiver(
                decoder, secret, clock, waiter, tolerance, maxBodyBytes, dedupCapacity, value, listener);
    }

    /** Whether deliveries must be signed. */
    public boolean verifiesSignatures() {
        return secret != null;
    }

    /** How far a signed timestamp may be from now. */
    public Duration tolerance() {
        return tolerance;
    }

    /** The largest body accepted, in bytes. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Whether a signed delivery must carry a timestamp. */
    public boolean requiresTimestamp() {
        return timestampRequired;
    }

    @Override
    public Optional<Job> receive(byte[] body, Map<String, List<String>> headers) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(headers, "headers");
        Job job;
        try {
            job = check(body, headers);
        } catch (CallbackRejectedException e) {
            listener.onCallbackRefused(new CallbackRefused(e.reason(), e.getMessage(), clock.instant()));
            throw e;
        }
        boolean first = firstDelivery(job);
        listener.onCallbackAccepted(new CallbackAccepted(job, !first, clock.instant()));
        if (!first) {
            return Optional.empty();
        }
        if (waiter != null) {
            waiter.offer(job);
        }
        return Optional.of(job);
    }

    /** Every check, in order; answers the job the body carries. */
    private Job check(byte[] body, Map<String, List<String>> headers) {
        if (body.length > maxBodyBytes) {
            throw new CallbackRejectedException(
                    Reason.TOO_LARGE,
                    "The callback body has " + body.length
                            + " bytes, more than the " + maxBodyBytes
                            + " accepted; a task object is a few KiB. Raise the"
                            + " limit only if the service really sends bodies this large.");
        }
        if (secret != null) {
            verify(body, headers);
        }
        try {
            return decoder.decode(body);
        } catch (IllegalArgumentException | LegnextException e) {
            throw new CallbackRejectedException(
                    Reason.MALFORMED,
                    "The callback body is not a task object (" + e.getMessage()
                            + "); expected the JSON the service sends for GET /api/v1/job/{job_id}.");
        }
    }

    private void verify(byte[] body, Map<String, List<String>> headers) {
        List<String> signatures = header(headers, WebhookSignature.SIGNATURE_HEADER);
        if (signatures.isEmpty()) {
            throw new CallbackRejectedException(
                    Reason.BAD_SIGNATURE,
                    "The callback has no "
                            + WebhookSignature.SIGNATURE_HEADER
                            + " header, but a webhook secret is configured. Configure the"
                            + " same secret on the Legnext account, or none here to accept unsigned callbacks.");
        }
        List<String> timestamps = header(headers, WebhookSignature.TIMESTAMP_HEADER);
        String timestamp = timestamps.isEmpty() ? null : timestamps.get(0).strip();
        if (timestamp == null && timestampRequired) {
            throw new CallbackRejectedException(
                    Reason.STALE_TIMESTAMP,
                    "The callback has no "
                            + WebhookSignature.TIMESTAMP_HEADER
                            + " header, and timestamps are required here: without one"
                            + " its age cannot be checked, and a captured copy could be replayed at any time. Check that the"
                            + " service signs with a timestamp, or stop requiring one to accept such deliveries.");
        }
        boolean valid = false;
        for (String signature : signatures) {
            // Evaluate every candidate, so timing does not tell which one matched.
            valid |= WebhookSignature.verify(secret, timestamp, body, signature);
        }
        if (!valid) {
            throw new CallbackRejectedException(
                    Reason.BAD_SIGNATURE,
                    "The callback's "
                            + WebhookSignature.SIGNATURE_HEADER + " does not match its body"
                            + (timestamp == null ? "" : " and timestamp")
                            + " under the configured secret: forged, altered,"
                            + " or signed with another secret. Check that the secret here is the account's webhook secret.");
        }
        if (timestamp != null) {
            requireFresh(timestamp);
        }
    }

    private void requireFresh(String timestamp) {
        Instant sent;
        try {
            long value = Long.parseLong(timestamp);
            sent = Math.abs(value) >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new CallbackRejectedException(
                    Reason.STALE_TIMESTAMP,
                    "The callback's "
                            + WebhookSignature.TIMESTAMP_HEADER + " is '" + abbreviate(timestamp)
                            + "', not epoch seconds; it cannot be checked for freshness.");
        }
        Instant now = clock.instant();
        Duration age = Duration.between(sent, now);
        if (age.abs().compareTo(tolerance) > 0) {
            throw new CallbackRejectedException(
                    Reason.STALE_TIMESTAMP,
                    "The callback was signed at " + sent + ", "
                            + age.abs().toSeconds() + " s " + (age.isNegative() ? "ahead of" : "before") + " now ("
                            + now
                            + "), outside the tolerance of " + tolerance.toSeconds()
                            + " s: a replayed delivery, or a clock"
                            + " that is badly wrong. Check this host's clock.");
        }
    }

    /** Remembers the job state; answers false when it was already delivered. */
    private boolean firstDelivery(Job job) {
        String key = job.id() + "|" + job.status().wireName() + "|"
                + job.startedAt().map(Instant::toString).orElse("-") + "|"
                + job.endedAt().map(Instant::toString).orElse("-");
        synchronized (delivered) {
            return delivered.put(key, Boolean.TRUE) == null;
        }
    }

    private static List<String> header(Map<String, List<String>> headers, String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
                e.getValue().stream()
                        .filter(Objects::nonNull)
                        .filter(v -> !v.isBlank())
                        .forEach(values::add);
            }
        }
        return values;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    /** Says whether signatures are verified; never the secret. */
    @Override
    public String toString() {
        return "CallbackReceiver[secret=" + (secret == null ? "none" : "configured") + ", tolerance=" + tolerance
                + ", maxBodyBytes=" + maxBodyBytes + ", timestampRequired=" + timestampRequired + "]";
    }
}
