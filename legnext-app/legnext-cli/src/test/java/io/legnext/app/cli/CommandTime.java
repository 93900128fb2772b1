package io.legnext.app.cli;

import io.legnext.core.port.out.Scheduler;
import io.legnext.core.time.VirtualTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * Virtual time that moves only while an in-process command waits on it, so that what a test sees never depends on
 * how fast the machine is.
 *
 * <p>{@link #run} runs a command on a thread of its own. Whenever that thread is blocked and one of the commands'
 * tasks (a wait's next lookup) is pending, the calling thread moves the clock straight to that task and runs it
 * itself, together with every task of the service's that falls due on the way. Between two commands no time passes:
 * a job that one command submitted is exactly as it was when the next command looks at it. A command that waits
 * sees its job at the same virtual instants on an idle machine and on one whose cores are all busy.
 *
 * <p>The commands schedule on this; the service (the fake) schedules on {@link #service()} directly. The service's
 * tasks (callback deliveries) run in order as the clock passes them, but are never a reason to move it: once a
 * command's wait has ended, nothing of it is pending, and time stands still whatever else is scheduled.
 *
 * <p>Commands run one at a time: something that must serve beside them (a webhook server) needs a real clock.
 */
final class CommandTime implements Scheduler {

    /**
     * How long one command may run in real time before it counts as hung. A passing command takes well under a
     * second even on a loaded machine; only a failing one gets near this.
     */
    static final Duration PATIENCE = Duration.ofMinutes(2);
    /** How often the driving thread looks at a command that is busy, in real time. */
    private static final long LOOK_NANOS = 100_000;

    private final VirtualTime time;
    private final Object lock = new Object();
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long sequence;

    CommandTime(VirtualTime time) {
        this.time = Objects.requireNonNull(time, "time");
    }

    /** The time the service runs on: the same clock, moved only by the commands' waits. */
    VirtualTime service() {
        return time;
    }

    @Override
    public Clock clock() {
        return time.clock();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        Duration d = delay == null || delay.isNegative() ? Duration.ZERO : delay;
        Task t;
        synchronized (lock) {
            t = new Task(time.now().plus(d), sequence++, task);
            tasks.add(t);
        }
        return () -> {
            boolean won = t.claimed.compareAndSet(false, true);
            if (won) {
                synchronized (lock) {
                    tasks.remove(t);
                }
            }
            return won;
        };
    }

    /** How many of the commands' tasks are waiting to run. */
    int pendingTasks() {
        synchronized (lock) {
            return tasks.size();
        }
    }

    /**
     * Runs {@code command} on a thread of its own, moving time whenever it is blocked with a task of its pending;
     * answers what the command answered.
     *
     * @throws AssertionError when the command is still running after {@link #PATIENCE} of real time
     */
    int run(IntSupplier command) {
        FutureTask<Integer> result = new FutureTask<>(command::getAsInt);
        Thread worker = new Thread(result, "legnext-command");
        worker.setDaemon(true);
        worker.start();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try {
            while (!result.isDone()) {
                if (System.nanoTime() - deadline > 0) {
                    throw hung(worker);
                }
                if (pendingTasks() > 0 && isBlocked(worker)) {
                    step();
                } else {
                    LockSupport.parkNanos(this, LOOK_NANOS);
                }
            }
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while a command ran", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (worker.isAlive()) {
                worker.interrupt();
            }
        }
    }

    /**
     * Whether the command's thread is parked or sleeping: it then waits for a lookup (or for its downloads, which
     * do not care what time it is), and moving time cannot race with anything it does.
     */
    private static boolean isBlocked(Thread worker) {
        Thread.State state = worker.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    /**
     * Moves the clock to the commands' earliest task, running the service's tasks due on the way, then runs every
     * task of the commands' that is due by then (and those they schedule for then), in order.
     */
    private void step() {
        Instant due;
        synchronized (lock) {
            Task head = tasks.peek();
            if (head == null) {
                return;
            }
            due = head.due;
        }
        time.advanceTo(due);
        while (true) {
            Task next;
            synchronized (lock) {
                next = tasks.peek();
                if (next == null || next.due.isAfter(time.now())) {
                    return;
                }
                tasks.poll();
            }
            if (next.claimed.compareAndSet(false, true)) {
                next.task.run();
            }
        }
    }

    private AssertionError hung(Thread worker) {
        AssertionError e = new AssertionError("The command still runs after " + PATIENCE.toSeconds() + " s of real"
                + " time; its thread is " + worker.getState() + " with " + pendingTasks() + " task(s) of the"
                + " commands' pending. The trace shows where it is.");
        e.setStackTrace(worker.getStackTrace());
        return e;
    }

    /** One scheduled task of the commands'. */
    private static final class Task implements Comparable<Task> {
        final Instant due;
        final long seq;
        final Runnable task;
        /** Set by whoever runs or cancels it first. */
        final AtomicBoolean claimed = new AtomicBoolean();

        Task(Instant due, long seq, Runnable task) {
            this.due = due;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Task o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
