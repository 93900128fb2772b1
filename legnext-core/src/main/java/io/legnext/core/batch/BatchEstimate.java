package io.legnext.core.batch;

import io.legnext.core.job.TaskType;
import java.util.Map;
import java.util.Objects;

/**
 * What a batch will cost before anything is spent, beside the balance: jobs and points per kind for the items
 * still to submit (a resumed batch counts only what was never accepted), and whether the balance covers them.
 *
 * @param batchId the batch
 * @param jobsToSubmit how many submits are still to be sent, per kind
 * @param pointsToSpend the points they will reserve, per kind
 * @param totalPoints the sum of {@code pointsToSpend}
 * @param availablePoints the account's points now
 */
public record BatchEstimate(
        String batchId,
        Map<TaskType.Kind, Integer> jobsToSubmit,
        Map<TaskType.Kind, Long> pointsToSpend,
        long totalPoints,
        long availablePoints) {

    public BatchEstimate {
        Objects.requireNonNull(batchId, "batchId");
        jobsToSubmit = Map.copyOf(jobsToSubmit);
        pointsToSpend = Map.copyOf(pointsToSpend);
    }

    /** Whether the balance covers every submit still to be sent. */
    public boolean covered() {
        return totalPoints <= availablePoints;
    }

    /** How many submits are still to be sent, all kinds together. */
    public int totalJobs() {
        return jobsToSubmit.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** One line for people: "12 jobs, 5760 points; 100000 available". */
    public String describe() {
        return totalJobs() + " jobs, " + totalPoints + " points; " + availablePoints + " available"
                + (covered() ? "" : " (short by " + (totalPoints - availablePoints) + ")");
    }
}
