package io.legnext.core.port.in;

import io.legnext.core.job.AccountBalance;

/**
 * Driving port: reads the account's balance.
 */
public interface GetBalanceUseCase {

    /** The account's balance now. */
    AccountBalance getBalance();
}
