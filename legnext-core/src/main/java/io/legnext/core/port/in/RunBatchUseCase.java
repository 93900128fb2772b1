package io.legnext.core.port.in;

import io.legnext.core.batch.Batch;
import io.legnext.core.batch.BatchEstimate;
import io.legnext.core.batch.BatchOptions;
import io.legnext.core.batch.BatchReport;
import java.util.concurrent.CompletableFuture;

/**
 * Driving port: runs a batch of video jobs, at most N in flight, resumable after a crash without submitting any
 * job twice, and reports each item's outcome.
 */
public interface RunBatchUseCase {

    /**
     * What the batch would cost beside the balance now, counting only the items still to submit (a batch run
     * before counts what was never accepted). Sends nothing: the dry run.
     */
    BatchEstimate dryRun(Batch batch, BatchOptions options);

    /**
     * Runs the batch: checks the journal and the balance first (nothing is sent when the balance cannot cover the
     * estimate), then submits the items in order as slots free and parents complete, and waits for their jobs. A
     * batch run before (same id, same store) resumes: accepted jobs are waited for, never submitted again.
     *
     * @return completes with the report once no item can move any more; cancelling it stops the run (the jobs
     *     already accepted run on; run the batch again to wait for them)
     * @throws io.legnext.core.batch.BatchRefusedException when the balance cannot cover the estimate; nothing was
     *     sent
     * @throws io.legnext.core.journal.JournalUnavailableException when the journal cannot take a job; nothing was
     *     sent
     */
    CompletableFuture<BatchReport> run(Batch batch, BatchOptions options);
}
