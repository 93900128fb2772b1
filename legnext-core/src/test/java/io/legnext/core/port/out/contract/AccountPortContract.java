package io.legnext.core.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.job.AccountBalance;
import io.legnext.core.port.out.AccountPort;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

/**
 * What "reads the balance like the Legnext service" means: every {@link AccountPort} adapter extends this.
 */
public abstract class AccountPortContract {

    /** The port under test, on an account that has some credits and points. */
    protected abstract AccountPort accountPort();

    @Test
    void theBalanceInDollarsIsCreditsAndPointsOverAThousand() {
        AccountBalance balance = accountPort().getBalance();

        assertThat(balance.availableCredits()).isNotNegative();
        assertThat(balance.availablePoints()).isNotNegative();
        BigDecimal expected = BigDecimal.valueOf(balance.availableCredits() + balance.availablePoints())
                .divide(BigDecimal.valueOf(AccountBalance.UNITS_PER_DOLLAR), 3, RoundingMode.UNNECESSARY);
        assertThat(balance.balanceUsd()).isEqualByComparingTo(expected);
    }

    @Test
    void theBalanceNamesItsAccount() {
        assertThat(accountPort().getBalance().accountId()).isNotBlank();
    }
}
