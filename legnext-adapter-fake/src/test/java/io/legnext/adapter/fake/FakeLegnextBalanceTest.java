package io.legnext.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.job.AccountBalance;
import io.legnext.core.job.JobId;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.time.VirtualTime;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A submit freezes its cost, completion consumes it, failure gives it back; the dollars are exact. */
class FakeLegnextBalanceTest {

    private static final FakeTimings FOUR_MINUTES = FakeTimings.fixed(Duration.ZERO)
            .withVideoDiffusion(
                    FakeTimings.Range.exactly(Duration.ofMinutes(4)), FakeTimings.Range.exactly(Duration.ofMinutes(4)));

    private final VirtualTime time = new VirtualTime();
    private final FakeLegnext legnext =
            FakeLegnext.builder(time).timings(FOUR_MINUTES).build();

    @Test
    void aNewAccountHasTheDefaultPointsAndNoCredits() {
        AccountBalance balance = legnext.getBalance();

        assertThat(balance.availablePoints()).isEqualTo(100_000);
        assertThat(balance.availableCredits()).isZero();
        assertThat(balance.balanceUsd()).isEqualByComparingTo("100.000");
        assertThat(balance.accountId()).isEqualTo("fake-account");
        assertThat(balance.lowBalanceAlert()).isFalse();
    }

    @Test
    void aSubmitFreezesItsCostAtOnce() {
        legnext.generate(TextToVideo.of("a fox"));

        assertThat(legnext.getBalance().availablePoints()).isEqualTo(100_000 - 480);
    }

    @Test
    void completionConsumesWhatWasFrozenAndChangesNothingMore() {
        JobId id = legnext.generate(TextToVideo.of("a fox")).id();
        time.advance(Duration.ofMinutes(5));

        assertThat(legnext.getJob(id).usage().consumed()).isEqualTo(480);
        assertThat(legnext.getBalance().availablePoints()).isEqualTo(100_000 - 480);
    }

    @Test
    void aFailedJobIsRefundedWhenItFailsNotBefore() {
        legnext.failNextJob(500, "Task failed");
        legnext.generate(TextToVideo.of("a fox"));

        time.advance(Duration.ofMinutes(4).minusSeconds(1));
        long whileRunning = legnext.getBalance().availablePoints();
        time.advance(Duration.ofSeconds(1));
        AccountBalance afterFailure = legnext.getBalance();

        assertThat(whileRunning).isEqualTo(100_000 - 480);
        assertThat(afterFailure.availablePoints()).isEqualTo(100_000);
        assertThat(afterFailure.updatedAt()).contains(time.now());
    }

    @Test
    void aRefundGoesBackToCreditsWhenCreditsPaid() {
        FakeLegnext fake = FakeLegnext.builder(time)
                .timings(FOUR_MINUTES)
                .availablePoints(0)
                .availableCredits(1000)
                .build();
        fake.failNextJob(500, "Task failed");
        fake.generate(TextToVideo.of("a fox"));
        time.advance(Duration.ofMinutes(5));

        assertThat(fake.getBalance().availableCredits()).isEqualTo(1000);
    }

    @ParameterizedTest(name = "{0} credits + {1} points = ${2}")
    @CsvSource({
        "0, 0, 0.000",
        "0, 1, 0.001",
        "1, 0, 0.001",
        "999, 0, 0.999",
        "1000, 0, 1.000",
        "12345, 678, 13.023",
        "0, 100000, 100.000",
        "9223372036854775, 0, 9223372036854.775"
    })
    void theBalanceInDollarsIsCreditsPlusPointsOverAThousandExactly(long credits, long points, String usd) {
        FakeLegnext fake = FakeLegnext.builder(time)
                .availableCredits(credits)
                .availablePoints(points)
                .build();

        assertThat(fake.getBalance().balanceUsd()).isEqualTo(new BigDecimal(usd));
    }

    @ParameterizedTest(name = "${0} against a $5.00 threshold: alert = {1}")
    @CsvSource({"4999, true", "5000, false", "5001, false"})
    void theLowBalanceAlertIsRaisedBelowTheThreshold(long points, boolean alert) {
        FakeLegnext fake = FakeLegnext.builder(time).availablePoints(points).build();

        assertThat(fake.getBalance().lowBalanceAlert()).isEqualTo(alert);
        assertThat(fake.getBalance().alertThreshold()).isEqualByComparingTo("5.00");
    }

    @Test
    void updatedAtIsWhenTheBalanceLastChanged() {
        Instant start = time.now();
        time.advance(Duration.ofMinutes(1));
        Instant submitted = time.now();
        legnext.generate(TextToVideo.of("a fox"));
        time.advance(Duration.ofMinutes(1));

        assertThat(start).isBefore(submitted);
        assertThat(legnext.getBalance().updatedAt()).contains(submitted);
    }

    @Test
    void theAccountIdAndThresholdAreConfigurable() {
        FakeLegnext fake = FakeLegnext.builder(time)
                .accountId("acct-42")
                .alertThreshold(new BigDecimal("1.50"))
                .availablePoints(1_000)
                .build();

        assertThat(fake.getBalance().accountId()).isEqualTo("acct-42");
        assertThat(fake.getBalance().lowBalanceAlert()).isTrue();
    }

    @Test
    void hostsCanSetTheBalanceLater() {
        legnext.setAvailablePoints(7);
        legnext.setAvailableCredits(3);

        assertThat(legnext.getBalance().balanceUsd()).isEqualByComparingTo("0.010");
    }
}
