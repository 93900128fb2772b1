package io.legnext.core.batch;

/** Where one batch item stands; the batch store keeps it, the report tells it. */
public enum ItemState {
    /** Not sent yet: waiting for a slot, for its parent, or for a rate limit to pass. */
    PENDING,
    /**
     * Its submit is being sent, recorded before the POST: found so after a crash, the journal decides whether the
     * service accepted it (then {@link #ACCEPTED}) or not (then {@link #UNCERTAIN}: never re-sent silently).
     */
    SUBMITTING,
    /** The service accepted it; its job runs. */
    ACCEPTED,
    /** Its job completed. */
    COMPLETED,
    /** Its job failed, or the service refused its submit (no job was created). */
    FAILED,
    /** Not sent: the item it follows did not complete. */
    SKIPPED,
    /** Its submit may have reached the service but no answer came: a job may exist and be charged; never re-sent. */
    UNCERTAIN;

    /** Whether nothing more will happen to the item, in this run or any later one. */
    public boolean isFinal() {
        return switch (this) {
            case COMPLETED, FAILED, SKIPPED, UNCERTAIN -> true;
            case PENDING, SUBMITTING, ACCEPTED -> false;
        };
    }
}
