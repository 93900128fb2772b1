package io.legnext.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountBalanceTest {

    @Test
    void turnsAbsentAccountIdAndThresholdIntoDefaults() {
        AccountBalance balance =
                new AccountBalance(null, new BigDecimal("1.48"), 1000, 480, null, false, Optional.empty());

        assertThat(balance.accountId()).isEmpty();
        assertThat(balance.alertThreshold()).isEqualByComparingTo("0");
    }

    @Test
    void requiresTheDollarBalance() {
        assertThatNullPointerException()
                .isThrownBy(() -> new AccountBalance("acc", null, 0, 0, BigDecimal.ONE, false, Optional.empty()));
    }

    @Test
    void countsAThousandUnitsPerDollar() {
        assertThat(AccountBalance.UNITS_PER_DOLLAR).isEqualTo(1000);
    }
}
