package io.legnext.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.mockito.Mockito.when;

import io.legnext.core.job.AccountBalance;
import io.legnext.core.port.out.AccountPort;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class AccountServiceTest {

    @Mock
    private AccountPort account;

    @Test
    void answersTheBalanceTheAccountPortReads() {
        AccountBalance balance = new AccountBalance(
                "acc-1",
                new BigDecimal("1.48"),
                1000,
                480,
                new BigDecimal("5"),
                true,
                Optional.of(Instant.parse("2025-10-21T10:51:46.123456789Z")));
        when(account.getBalance()).thenReturn(balance);

        assertThat(new AccountService(account).getBalance()).isSameAs(balance);
    }

    @Test
    void requiresAnAccountPort() {
        assertThatNullPointerException().isThrownBy(() -> new AccountService(null));
    }
}
