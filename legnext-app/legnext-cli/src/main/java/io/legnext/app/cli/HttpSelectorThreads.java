package io.legnext.app.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Ends the selector threads of the JDK's HTTP clients as the process ends. HotSpot, as it exits, waits up to 300 ms
 * for every thread still running native code, and a {@code java.net.http} client's selector thread waits in native
 * code (epoll) for as long as its client lives; Java 17 has no way to close a client. That wait was a third of a
 * {@code legnext job get}. An interrupt ends the selector's loop, which closes its client, within milliseconds.
 *
 * <p>The threads are found by the name the JDK gives them ({@code HttpClient-<n>-SelectorManager}): should a JDK name
 * them otherwise, none is found and the process only ends later, as it did before.
 */
final class HttpSelectorThreads {

    /** How long to wait for the selectors to end; they take a few milliseconds. */
    static final long MAX_WAIT_MILLIS = 200;

    private HttpSelectorThreads() {}

    /** Interrupts every HTTP client selector thread and waits (briefly) for them to end; answers how many there were. */
    static int end() {
        return end(running());
    }

    /** Interrupts these selector threads and waits (briefly) for them to end; answers how many there were. */
    static int end(List<Thread> selectors) {
        selectors.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + MAX_WAIT_MILLIS * 1_000_000;
        for (Thread selector : selectors) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            try {
                selector.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return selectors.size();
    }

    /** The HTTP client selector threads alive now. */
    static List<Thread> running() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() + 16];
        int count = root.enumerate(all, true);
        List<Thread> selectors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = all[i].getName();
            if (name.startsWith("HttpClient-") && name.endsWith("-SelectorManager") && all[i].isAlive()) {
                selectors.add(all[i]);
            }
        }
        return selectors;
    }
}
