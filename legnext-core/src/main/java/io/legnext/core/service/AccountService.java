package io.legnext.core.service;

import io.legnext.core.job.AccountBalance;
import io.legnext.core.port.in.GetBalanceUseCase;
import io.legnext.core.port.out.AccountPort;
import java.util.Objects;

/**
 * Service behind the balance use case.
 */
public final class AccountService implements GetBalanceUseCase {

    private final AccountPort account;

    /** @param account reads the balance */
    public AccountService(AccountPort account) {
        this.account = Objects.requireNonNull(account, "account");
    }

    @Override
    public AccountBalance getBalance() {
        return account.getBalance();
    }
}
