package io.legnext.spring;

import io.legnext.app.Legnext;
import io.legnext.core.error.AuthenticationException;
import io.legnext.core.error.LegnextException;
import io.legnext.core.job.AccountBalance;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code legnext} health indicator: UP when the account answers within {@code legnext.health.timeout}, DOWN
 * with the reason otherwise (a refused key says so, never showing it). One check runs at a time, on a thread of its
 * own: a slow service never holds the health endpoint past the timeout, and checks do not pile up behind it.
 */
public final class LegnextHealthIndicator implements HealthIndicator, DisposableBean {

    private final Legnext legnext;
    private final Duration timeout;
    private final ExecutorService checks = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "legnext-health");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<AccountBalance> running;

    /**
     * @param legnext whose account is asked
     * @param timeout how long it may take to answer
     */
    public LegnextHealthIndicator(Legnext legnext, Duration timeout) {
        this.legnext = Objects.requireNonNull(legnext, "legnext");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public Health health() {
        Health.Builder health = new Health.Builder().withDetail("service", legnext.service());
        CompletableFuture<AccountBalance> check = check();
        try {
            AccountBalance balance = check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return health.up()
                    .withDetail("availablePoints", balance.availablePoints())
                    .build();
        } catch (TimeoutException e) {
            return health.down()
                    .withDetail("reason", "the account did not answer within " + timeout.toMillis() + " ms")
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return health.unknown().withDetail("reason", "interrupted").build();
        } catch (ExecutionException e) {
            return down(health, e.getCause());
        }
    }

    private static Health down(Health.Builder health, Throwable failure) {
        if (failure instanceof AuthenticationException) {
            return health.down()
                    .withDetail(
                            "reason",
                            "the service refused the API key (HTTP 401): check" + " LEGNEXT_API_KEY (legnext.api-key)")
                    .build();
        }
        if (failure instanceof LegnextException e) {
            // legnext's messages never carry the key.
            e.httpStatus().ifPresent(status -> health.withDetail("httpStatus", status));
            return health.down()
                    .withDetail("reason", String.valueOf(e.getMessage()))
                    .build();
        }
        return health.down()
                .withDetail("reason", "the account could not be read")
                .build();
    }

    /** The check in flight, or a new one. */
    private synchronized CompletableFuture<AccountBalance> check() {
        if (running == null || running.isDone()) {
            running = CompletableFuture.supplyAsync(legnext::getBalance, checks);
        }
        return running;
    }

    @Override
    public void destroy() {
        checks.shutdownNow();
    }

    @Override
    public String toString() {
        return "LegnextHealthIndicator[" + legnext.service() + "]";
    }
}
