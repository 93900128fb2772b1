package io.legnext.core.batch;

import io.legnext.core.error.LegnextException;
import java.util.Objects;

/**
 * A batch was refused before anything was sent: the balance cannot cover what it would cost.
 */
public final class BatchRefusedException extends LegnextException {

    private static final long serialVersionUID = 1L;

    /** The estimate that did not fit; not serialised, it is the message's source. */
    private final transient BatchEstimate estimate;

    /** @param estimate the estimate the balance does not cover */
    public BatchRefusedException(BatchEstimate estimate) {
        super(
                "Batch '" + estimate.batchId() + "' needs " + estimate.totalPoints() + " points and the account has "
                        + estimate.availablePoints() + ". Nothing was sent. Top up the balance at legnext.ai, or"
                        + " split the batch, then run it again.",
                null,
                null,
                null);
        this.estimate = Objects.requireNonNull(estimate, "estimate");
    }

    /** What the batch would cost, beside the balance. */
    public BatchEstimate estimate() {
        return estimate;
    }
}
