package io.legnext.micrometer;

import io.legnext.core.event.ApiOperation;
import io.legnext.core.event.CallbackAccepted;
import io.legnext.core.event.CallbackRefused;
import io.legnext.core.event.HttpAttempt;
import io.legnext.core.event.LegnextListener;
import io.legnext.core.event.WaitEnded;
import io.legnext.core.event.WaitStarted;
import io.legnext.core.job.Job;
import io.legnext.core.job.TaskType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Micrometer binding: turns legnext's events into meters. Register it as the listener (of the {@code Legnext}
 * facade's builder, or of the HTTP adapter, waiter and callback receiver) and bind it to the host's registry:
 *
 * <pre>{@code
 * LegnextMetrics metrics = new LegnextMetrics();
 * metrics.bindTo(registry);
 * Legnext legnext = Legnext.builder().http(key).listener(metrics).build();
 * }</pre>
 *
 * <table>
 * <caption>The meters</caption>
 * <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 * <tr><td>{@value #HTTP_REQUESTS}</td><td>timer</td><td>{@code operation}, {@code outcome}</td>
 *     <td>every HTTP attempt, retries included; outcome {@code 2xx}, {@code 3xx}, {@code 4xx}, {@code 5xx} by the
 *     status answered, or {@code io} when none came (refused, timed out, cut short)</td></tr>
 * <tr><td>{@value #HTTP_RETRIES}</td><td>counter</td><td>{@code operation}</td>
 *     <td>attempts that failed and are tried again</td></tr>
 * <tr><td>{@value #WAITS_ACTIVE}</td><td>gauge</td><td></td>
 *     <td>waits in flight; registered when bound, 0 before any wait</td></tr>
 * <tr><td>{@value #JOBS_DURATION}</td><td>timer</td><td>{@code kind}, {@code outcome}</td>
 *     <td>one record per wait that ended: the job's run time as far as the wait knows
 *     ({@link WaitEnded#jobDuration()}); kind is the task type ({@code video_diffusion}, {@code extend_video},
 *     {@code video_upscale}, ..., or {@code unknown} when never seen), outcome {@code completed}, {@code failed},
 *     {@code timed_out}, {@code cancelled} or {@code error}</td></tr>
 * <tr><td>{@value #CALLBACKS}</td><td>counter</td><td>{@code outcome}, {@code reason}</td>
 *     <td>callback deliveries: outcome {@code accepted}, {@code duplicate} or {@code refused}; reason
 *     {@code bad_signature}, {@code stale_timestamp}, {@code too_large}, {@code malformed} for a refusal,
 *     {@code none} otherwise</td></tr>
 * </table>
 *
 * <p>Operations are {@link ApiOperation#tag()}: {@code generate}, {@code extend}, {@code upscale},
 * {@code job_lookup}, {@code balance}. Events heard before {@link #bindTo} are not counted; binding to several
 * registries records into each from then on. Thread-safe.
 */
public final class LegnextMetrics implements LegnextListener, MeterBinder {

    /** Timer of HTTP attempts. */
    public static final String HTTP_REQUESTS = "legnext.http.requests";
    /** Counter of retried HTTP attempts. */
    public static final String HTTP_RETRIES = "legnext.http.retries";
    /** Gauge of waits in flight. */
    public static final String WAITS_ACTIVE = "legnext.waits.active";
    /** Timer of jobs' run time, per ended wait. */
    public static final String JOBS_DURATION = "legnext.jobs.duration";
    /** Counter of callback deliveries. */
    public static final String CALLBACKS = "legnext.callbacks";

    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final AtomicInteger activeWaits = new AtomicInteger();

    /** Registers the gauge of waits in flight; the other meters appear with their first event. */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        Gauge.builder(WAITS_ACTIVE, activeWaits, AtomicInteger::get)
                .description("Waits for legnext jobs in flight")
                .strongReference(true)
                .register(registry);
        registries.add(registry);
    }

    @Override
    public void onHttpAttempt(HttpAttempt event) {
        String operation = event.operation().tag();
        String outcome = event.status().isPresent() ? event.status().getAsInt() / 100 + "xx" : "io";
        for (MeterRegistry registry : registries) {
            Timer.builder(HTTP_REQUESTS)
                    .description("HTTP attempts to the Legnext service, retries included")
                    .tag("operation", operation)
                    .tag("outcome", outcome)
                    .register(registry)
                    .record(event.duration());
            if (event.willRetry()) {
                Counter.builder(HTTP_RETRIES)
                        .description("HTTP attempts to the Legnext service that failed and are tried again")
                        .tag("operation", operation)
                        .register(registry)
                        .increment();
            }
        }
    }

    @Override
    public void onWaitStarted(WaitStarted event) {
        activeWaits.incrementAndGet();
    }

    @Override
    public void onWaitEnded(WaitEnded event) {
        activeWaits.decrementAndGet();
        String kind = event.last().map(Job::taskType).map(LegnextMetrics::kind).orElse("unknown");
        String outcome = event.outcome().name().toLowerCase(Locale.ROOT);
        for (MeterRegistry registry : registries) {
            Timer.builder(JOBS_DURATION)
                    .description("Run time of legnext jobs, from creation to end, as each wait on them saw it")
                    .tag("kind", kind)
                    .tag("outcome", outcome)
                    .register(registry)
                    .record(event.jobDuration());
        }
    }

    @Override
    public void onCallbackAccepted(CallbackAccepted event) {
        countCallback(event.duplicate() ? "duplicate" : "accepted", "none");
    }

    @Override
    public void onCallbackRefused(CallbackRefused event) {
        countCallback("refused", event.reason().name().toLowerCase(Locale.ROOT));
    }

    private void countCallback(String outcome, String reason) {
        for (MeterRegistry registry : registries) {
            Counter.builder(CALLBACKS)
                    .description("Callback deliveries from the Legnext service")
                    .tag("outcome", outcome)
                    .tag("reason", reason)
                    .register(registry)
                    .increment();
        }
    }

    /** The task type as the service spells it; {@code unknown} for a kind legnext does not know. */
    private static String kind(TaskType type) {
        return type.kind() == TaskType.Kind.UNKNOWN ? "unknown" : type.kind().canonical();
    }

    @Override
    public String toString() {
        return "LegnextMetrics[" + registries.size() + " registries]";
    }
}
