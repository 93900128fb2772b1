package io.legnext.core.port.out;

import io.legnext.core.job.AccountBalance;

/**
 * Driven port: reads the account's balance.
 */
public interface AccountPort {

    /** The account's balance now. */
    AccountBalance getBalance();
}
