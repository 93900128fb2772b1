package io.legnext.core.job;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The account's spendable balance: credits and points, and their worth in US dollars (1000 of either per dollar).
 *
 * @param accountId the account's id as the service reports it
 * @param balanceUsd the balance in US dollars
 * @param availableCredits credits left
 * @param availablePoints points left (a video job reserves 480)
 * @param alertThreshold the balance in dollars under which the service raises a low-balance alert
 * @param lowBalanceAlert whether that alert is raised
 * @param updatedAt when the service last updated the balance, if it says
 */
public record AccountBalance(
        String accountId,
        BigDecimal balanceUsd,
        long availableCredits,
        long availablePoints,
        BigDecimal alertThreshold,
        boolean lowBalanceAlert,
        Optional<Instant> updatedAt) {

    /** How many credits or points make one US dollar. */
    public static final int UNITS_PER_DOLLAR = 1000;

    public AccountBalance {
        accountId = Objects.requireNonNullElse(accountId, "");
        Objects.requireNonNull(balanceUsd, "balanceUsd");
        alertThreshold = Objects.requireNonNullElse(alertThreshold, BigDecimal.ZERO);
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
