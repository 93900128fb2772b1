package io.legnext.adapter.fake;

import java.time.Instant;
import java.util.PriorityQueue;

/**
 * The account's credits and points: freezes a job's cost at submit and gives it back when the job fails. Refunds
 * are settled lazily, whenever the balance is read or charged, so no task is scheduled for them.
 */
final class Ledger {

    /** How a cost was paid. */
    enum Payment {
        POINTS,
        CREDITS
    }

    /** A snapshot of the balance. */
    record Balance(long credits, long points, Instant updatedAt) {}

    private record Refund(long dueMillis, int amount, Payment payment) {}

    private final PriorityQueue<Refund> refunds =
            new PriorityQueue<>((a, b) -> Long.compare(a.dueMillis(), b.dueMillis()));
    private long credits;
    private long points;
    private long updatedMillis;

    Ledger(long credits, long points, long nowMillis) {
        this.credits = credits;
        this.points = points;
        this.updatedMillis = nowMillis;
    }

    /** How {@code cost} would be frozen now: from points, else from credits; null when neither suffices. */
    synchronized Payment payable(int cost, long nowMillis) {
        settle(nowMillis);
        if (points >= cost) {
            return Payment.POINTS;
        }
        return credits >= cost ? Payment.CREDITS : null;
    }

    /** Freezes {@code cost} as {@code payment}, as {@link #payable} chose it (or a replayed record says). */
    synchronized void freeze(int cost, Payment payment, long nowMillis) {
        settle(nowMillis);
        if (payment == Payment.CREDITS) {
            credits -= cost;
        } else {
            points -= cost;
        }
        updatedMillis = Math.max(updatedMillis, nowMillis);
    }

    /** Gives {@code amount} back at {@code dueMillis}: a failed job is not charged. */
    synchronized void refundAt(long dueMillis, int amount, Payment payment) {
        refunds.add(new Refund(dueMillis, amount, payment));
    }

    synchronized Balance balance(long nowMillis) {
        settle(nowMillis);
        return new Balance(credits, points, Instant.ofEpochMilli(updatedMillis));
    }

    synchronized void setPoints(long value, long nowMillis) {
        settle(nowMillis);
        points = value;
        updatedMillis = nowMillis;
    }

    synchronized void setCredits(long value, long nowMillis) {
        settle(nowMillis);
        credits = value;
        updatedMillis = nowMillis;
    }

    private void settle(long nowMillis) {
        while (!refunds.isEmpty() && refunds.peek().dueMillis() <= nowMillis) {
            Refund r = refunds.poll();
            if (r.payment() == Payment.CREDITS) {
                credits += r.amount();
            } else {
                points += r.amount();
            }
            updatedMillis = Math.max(updatedMillis, r.dueMillis());
        }
    }
}
