package io.legnext.adapter.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(
            6, Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(60), Duration.ofSeconds(90));

    @ParameterizedTest(name = "retry {0} with draw 0.999 waits under {1} ms")
    @CsvSource({"1, 500", "2, 1000", "3, 2000", "4, 4000", "5, 4000", "6, 4000"})
    void theBackoffCeilingDoublesUpToTheMaximum(int retry, long ceilingMillis) {
        assertThat(policy.backoff(retry, 0.999).toMillis()).isBetween(ceilingMillis * 99 / 100, ceilingMillis);
        assertThat(policy.backoff(retry, 1.0)).isEqualTo(Duration.ofMillis(ceilingMillis));
    }

    @Test
    void fullJitterCanWaitNothingAtAll() {
        assertThat(policy.backoff(3, 0.0)).isEqualTo(Duration.ZERO);
    }

    @Test
    void aRetryAfterHintIsClampedToTheMaximum() {
        assertThat(policy.clampRetryAfter(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.clampRetryAfter(Duration.ofHours(2))).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.clampRetryAfter(Duration.ofSeconds(-5))).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 21})
    void rejectsAttemptCountsOutsideOneToTwenty(int attempts) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(attempts, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .withMessageContaining("'maxAttempts' must be between 1 and 20");
    }

    @Test
    void rejectsAMaximumBackoffBelowTheInitialOne() {
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO))
                .withMessageContaining("'maxBackoff'");
    }

    @Test
    void theDefaultsRetryLookupsMoreThanSubmitsAndNoneNever() {
        assertThat(RetryPolicy.LOOKUPS.maxAttempts()).isEqualTo(4);
        assertThat(RetryPolicy.SUBMITS.maxAttempts()).isEqualTo(3);
        assertThat(RetryPolicy.NONE.maxAttempts()).isEqualTo(1);
    }

    @Test
    void retryAfterReadsDelaySeconds() {
        assertThat(RetryAfter.parse("120", Instant.EPOCH)).hasValue(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", Instant.EPOCH)).hasValue(Duration.ZERO);
    }

    @Test
    void retryAfterReadsAnHttpDateRelativeToNow() {
        Instant now = Instant.parse("2015-10-21T07:27:00Z");

        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", now)).hasValue(Duration.ofSeconds(60));
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:20:00 GMT", now)).hasValue(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "soon", "-5", "1.5"})
    void retryAfterIgnoresWhatItCannotRead(String header) {
        assertThat(RetryAfter.parse(header, Instant.EPOCH)).isEmpty();
    }

    @Test
    void retryAfterWithAbsurdlyManyDigitsIsStillAWaitTheCapThenBounds() {
        assertThat(RetryAfter.parse("99999999999999999999999", Instant.EPOCH))
                .hasValueSatisfying(d -> assertThat(policy.clampRetryAfter(d)).isEqualTo(Duration.ofSeconds(60)));
    }
}
