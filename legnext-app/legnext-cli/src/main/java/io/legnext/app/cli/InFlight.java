package io.legnext.app.cli;

import io.legnext.core.job.JobId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What a command has under way that an interrupt (Ctrl-C, a kill) would cut short: submits in flight and jobs being
 * waited for. The process's shutdown hook prints {@link #interruptLines()} on stderr, so that no paid job is lost
 * silently. Thread-safe.
 */
public final class InFlight {

    private final Set<Submit> submits = new LinkedHashSet<>();
    private final Map<JobId, Wait> waits = new LinkedHashMap<>();
    private boolean interrupted;
    private String batch;

    /**
     * A submit is about to be sent; close the answer once the command is done with it (a job it created is in the
     * journal by then, or the submit failed).
     *
     * @param command what is submitting, e.g. {@code legnext video generate}
     * @param fake whether it goes to the local fake, where nothing is charged
     */
    public synchronized Submit submitting(String command, boolean fake) {
        Submit s = new Submit(command, fake);
        submits.add(s);
        return s;
    }

    /**
     * A command waits for a job.
     *
     * @param journaled whether the job is in this machine's journal ({@code jobs resume} finds it)
     * @param fake whether it runs on the local fake, where nothing is charged
     */
    public synchronized void waiting(JobId id, boolean journaled, boolean fake) {
        waits.put(id, new Wait(id, journaled, fake));
    }

    /**
     * A batch runs: an interrupt prints {@code resumeLine} (how to go on) besides the submits under way; null when
     * the batch is no longer running.
     */
    public synchronized void batch(String resumeLine) {
        batch = resumeLine;
    }

    /** The command no longer waits for this job. */
    public synchronized void doneWaiting(JobId id) {
        waits.remove(id);
    }

    /** The jobs waited for right now. */
    public synchronized Set<JobId> waitingFor() {
        return Set.copyOf(waits.keySet());
    }

    /**
     * Waits, at most {@code bound} in all, until every submit under way has its outcome: the service's answer is in
     * the journal, or the submit failed. An interrupt that lands between the answer and the journal thus waits for
     * the journal instead of losing the job.
     *
     * @return true when every submit settled within the bound
     */
    public boolean awaitSubmits(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        List<Submit> open;
        synchronized (this) {
            open = List.copyOf(submits);
        }
        for (Submit s : open) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !s.settled.await(left, TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a submit is under way whose outcome is not known yet. */
    public synchronized boolean submitUnsettled() {
        return submits.stream().anyMatch(s -> s.settled.getCount() > 0);
    }

    /** What an interrupt cuts short right now, one stderr line each (empty when nothing is under way). */
    public synchronized List<String> interruptLines() {
        List<String> lines = new ArrayList<>();
        for (Submit s : submits) {
            JobId id = s.accepted;
            if (id == null) {
                lines.add(
                        s.fake
                                ? "legnext: interrupted while '" + s.command
                                        + "' was submitting to the fake adapter: nothing"
                                        + " is charged there; a job it accepted is kept (legnext jobs list, legnext jobs"
                                        + " resume)."
                                : "legnext: interrupted while '" + s.command
                                        + "' was submitting: a job may have been created"
                                        + " and charged, but its id never arrived, so it is not in the journal. Do not submit"
                                        + " it again blindly: check the account balance for newly frozen points, the callback"
                                        + " URL if you gave one, or the Legnext dashboard first.");
            } else if (!s.journaled) {
                lines.add("legnext: interrupted after job " + id + " was accepted; it could not be written to the"
                        + " journal, so keep this id. Do not submit it again; see it with: legnext job wait " + id);
            } else if (!waits.containsKey(id)) {
                lines.add(
                        s.fake
                                ? "legnext: interrupted after job " + id + " was accepted by the fake adapter: it keeps"
                                        + " running there and nothing is charged. See it with: legnext job wait " + id
                                : "legnext: interrupted after job " + id + " was accepted; it is in the journal. See it"
                                        + " with: legnext job wait " + id);
            }
        }
        if (batch != null) {
            lines.add(batch);
        }
        for (Wait w : waits.values()) {
            if (w.fake) {
                lines.add("legnext: interrupted while waiting for job " + w.id + " on the fake adapter: it keeps"
                        + " running there and nothing is charged. Pick it up again with: legnext job wait " + w.id);
            } else if (w.journaled) {
                lines.add("legnext: interrupted while waiting for job " + w.id + ": it keeps running and is in the"
                        + " journal. Pick it up again with: legnext jobs resume (or legnext job wait " + w.id + ")");
            } else {
                lines.add("legnext: interrupted while waiting for job " + w.id + ": it keeps running (it is not in"
                        + " this machine's journal). Pick it up again with: legnext job wait " + w.id);
            }
        }
        return lines;
    }

    private synchronized void ended(Submit s) {
        // Once interrupted, a submit that ends is still reported: its job was accepted while the process was going.
        if (!interrupted) {
            submits.remove(s);
        }
    }

    /**
     * The process is being interrupted: from now on submits stay listed when they end, so that a job accepted
     * during the interrupt is still named by {@link #interruptLines()}.
     */
    public synchronized void interrupted() {
        interrupted = true;
    }

    @Override
    public synchronized String toString() {
        return "InFlight[submits=" + submits.size() + ", waits=" + waits.keySet() + "]";
    }

    private record Wait(JobId id, boolean journaled, boolean fake) {}

    /** One submit under way; {@link #close()} it when the command is done with it. */
    public final class Submit implements AutoCloseable {
        private final String command;
        private final boolean fake;
        private final CountDownLatch settled = new CountDownLatch(1);
        private volatile JobId accepted;
        private volatile boolean journaled;

        private Submit(String command, boolean fake) {
            this.command = command;
            this.fake = fake;
        }

        /** The service accepted the submit as this job, and the core journaled it. */
        public void accepted(JobId id) {
            accepted(id, true);
        }

        /** The service accepted the submit as this job; {@code journaled} says whether the journal has it. */
        public void accepted(JobId id, boolean journaled) {
            this.journaled = journaled;
            this.accepted = id;
            settled.countDown();
        }

        @Override
        public void close() {
            settled.countDown();
            ended(this);
        }
    }
}
