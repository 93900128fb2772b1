package io.legnext.adapter.fake;

import io.legnext.core.callback.WebhookSignature;
import io.legnext.core.port.out.Scheduler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Delivers a finished job to its callback URL: at the job's end, on the scheduler, a POST of the task object,
 * signed when a webhook secret is configured; a failed delivery is logged and tried again a couple of times.
 */
final class CallbackDelivery {

    /** Header carrying the hex HMAC-SHA256 of {@code "<timestamp>." + body}. */
    static final String SIGNATURE_HEADER = WebhookSignature.SIGNATURE_HEADER;
    /** Header carrying the epoch seconds the signature was made at. */
    static final String TIMESTAMP_HEADER = WebhookSignature.TIMESTAMP_HEADER;
    /** Attempts per delivery: the first and two retries. */
    static final int MAX_ATTEMPTS = 3;
    /** Wait between attempts, on the scheduler's clock. */
    static final Duration RETRY_DELAY = Duration.ofSeconds(10);
    /** How long one attempt may take before it counts as failed. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Scheduler scheduler;
    /** Stamps {@code X-Legnext-Timestamp}: what receivers compare with their own wall clock. */
    private final Clock signingClock;

    private final Supplier<HttpClient> httpClient;
    /** The webhook secret's UTF-8 bytes, or null to send unsigned. */
    private final byte[] secret;

    private final System.Logger log;
    /** Takes on a delivery when it comes due; false when another process already has (or the job is gone). */
    private final Predicate<FakeJob> claim;
    /** Deliveries scheduled and not yet started: their due times, service milliseconds. */
    private final Map<FakeJob, Long> scheduled = new HashMap<>();
    /** Attempts whose POST has not been answered yet. */
    private int inFlight;

    /**
     * @param secret the webhook secret, or null to send unsigned
     * @param claim takes on a delivery when it comes due; a delivery it refuses is not made
     */
    CallbackDelivery(
            Scheduler scheduler,
            Clock signingClock,
            Supplier<HttpClient> httpClient,
            String secret,
            System.Logger log,
            Predicate<FakeJob> claim) {
        this.claim = Objects.requireNonNull(claim, "claim");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.signingClock = Objects.requireNonNull(signingClock, "signingClock");
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
        this.secret = secret == null || secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Schedules the delivery of {@code job} at its end, once claimed then; {@code nowMillis} is the scheduler's
     * now.
     */
    void scheduleFor(FakeJob job, long nowMillis) {
        Duration delay = Duration.ofMillis(Math.max(0, job.endedMillis() - nowMillis));
        synchronized (this) {
            scheduled.put(job, job.endedMillis());
        }
        scheduler.schedule(delay, () -> {
            boolean mine;
            try {
                mine = claim.test(job);
            } catch (RuntimeException e) {
                mine = false;
                log.log(
                        System.Logger.Level.WARNING,
                        "Cannot take on the callback of job " + job.id() + ": " + e.getMessage());
            }
            synchronized (this) {
                scheduled.remove(job);
                if (mine) {
                    inFlight++;
                }
                notifyAll();
            }
            if (mine) {
                attempt(job, 1);
            }
        });
    }

    /**
     * Waits, at most {@code bound} of real time, until every delivery due by {@code nowMillis} has been made or has
     * failed: what a process that is about to end owes the deliveries it took on.
     *
     * @return whether none was left
     */
    synchronized boolean awaitDue(long nowMillis, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (inFlight > 0 || scheduled.values().stream().anyMatch(due -> due <= nowMillis)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    private synchronized void attemptEnded() {
        inFlight--;
        notifyAll();
    }

    /** Makes attempt number {@code attempt}; counted in flight already. */
    private void attempt(FakeJob job, int attempt) {
        URI target = job.callback().uri();
        byte[] body = TaskJson.write(job.at(job.endedMillis())).getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (secret != null) {
            String timestamp = Long.toString(signingClock.instant().getEpochSecond());
            request.header(TIMESTAMP_HEADER, timestamp);
            // The same scheme the core verifies callbacks with, so the fake and the receiver cannot drift apart.
            request.header(SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body));
        }
        try {
            // Asynchronous: scheduler tasks must not block.
            httpClient
                    .get()
                    .sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        attemptEnded();
                        if (error != null) {
                            failed(job, attempt, describe(error));
                        } else if (response.statusCode() / 100 != 2) {
                            failed(job, attempt, "HTTP " + response.statusCode());
                        } else {
                            log.log(
                                    System.Logger.Level.DEBUG,
                                    () -> "Delivered job " + job.id() + " to " + redacted(target) + " (attempt "
                                            + attempt + ")");
                        }
                    });
        } catch (RuntimeException e) {
            attemptEnded();
            failed(job, attempt, describe(e));
        }
    }

    private void failed(FakeJob job, int attempt, String what) {
        URI target = job.callback().uri();
        if (attempt < MAX_ATTEMPTS) {
            log.log(
                    System.Logger.Level.WARNING,
                    "Delivering the callback of job " + job.id() + " to "
                            + redacted(target) + " failed (attempt " + attempt + " of " + MAX_ATTEMPTS + "): " + what
                            + ". Retrying in " + RETRY_DELAY.toSeconds() + " s; make sure the receiver answers 2xx.");
            scheduler.schedule(RETRY_DELAY, () -> {
                synchronized (this) {
                    inFlight++;
                }
                attempt(job, attempt + 1);
            });
        } else {
            log.log(
                    System.Logger.Level.WARNING,
                    "Delivering the callback of job " + job.id() + " to "
                            + redacted(target) + " failed (attempt " + attempt + " of " + MAX_ATTEMPTS + "): " + what
                            + ". Giving up; poll the job instead (GET /api/v1/job/" + job.id() + ").");
        }
    }

    /** Why a delivery failed, in words: no JDK class name reaches the log a user reads. */
    static String describe(Throwable error) {
        Throwable e = error;
        while ((e instanceof java.util.concurrent.CompletionException
                        || e instanceof java.util.concurrent.ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        if (e.getClass().getName().startsWith("io.legnext.") && e.getMessage() != null) {
            // legnext's own refusals (the mock server's loopback-only client, say) are worded for users already.
            return e.getMessage();
        }
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "the receiver did not accept the connection in time";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "the receiver did not answer in time";
        }
        if (e instanceof java.net.ConnectException) {
            return "the receiver refused the connection (is anything listening there?)";
        }
        if (e instanceof java.net.UnknownHostException) {
            return "the receiver's host name does not resolve";
        }
        if (e instanceof java.io.IOException) {
            // TLS failures included: the fake needs nothing beyond java.base and java.net.http to say so.
            return "the connection to the receiver failed (refused, reset, or its TLS handshake)";
        }
        if (e instanceof IllegalArgumentException) {
            return "the callback URL cannot be called";
        }
        return "the request to the receiver could not be sent";
    }

    /** The URL without user info and query, which may carry tokens that do not belong in a log. */
    static String redacted(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
