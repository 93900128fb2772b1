package io.legnext.app.cli;

import io.legnext.core.batch.BatchCosts;
import io.legnext.core.batch.BatchItem;
import io.legnext.core.batch.ItemRecord;
import io.legnext.core.batch.ItemState;
import io.legnext.core.port.out.BatchStorePort;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What a batch run shows while it runs. It sits between the core and the batch store: every record the core keeps
 * passes through, becomes an event for the command's thread, and registers the item's submit with {@link InFlight}
 * (so that an interrupt lets its answer reach the journal). The command's thread shows the events: on a terminal one
 * status line redrawn in place (done, running, queued, failed, points, ETA), otherwise a plain line per change.
 */
final class BatchProgress implements BatchStorePort {

    /** Put on the queue to wake the command's thread (the run ended or was interrupted); no key has a '/'. */
    private static final ItemRecord WAKE = ItemRecord.pending("/wake");

    private final BatchStorePort store;
    private final BlockingQueue<ItemRecord> events = new LinkedBlockingQueue<>();
    private final Map<String, InFlight.Submit> submits = new ConcurrentHashMap<>();
    private final InFlight inFlight;
    private final boolean fake;

    // The command thread's own view, for the display.
    private final BatchFileReader.BatchFile file;
    private final Map<String, ItemState> states = new LinkedHashMap<>();
    private final PrintWriter err;
    private final boolean live;
    private final boolean quiet;
    private final Clock clock;
    private final Instant start;
    private int finishedThisRun;
    private int width;

    BatchProgress(
            BatchStorePort store,
            InFlight inFlight,
            boolean fake,
            BatchFileReader.BatchFile file,
            List<ItemRecord> kept,
            PrintWriter err,
            boolean terminal,
            boolean quiet,
            Clock clock) {
        this.store = store;
        this.inFlight = inFlight;
        this.fake = fake;
        this.file = file;
        this.err = err;
        this.live = terminal && !quiet;
        this.quiet = quiet;
        this.clock = clock;
        this.start = clock.instant();
        kept.forEach(r -> states.put(r.key(), r.state()));
    }

    // ------------------------------------------------------------------ the store, seen by the core's threads

    @Override
    public Map<String, ItemRecord> load(String batchId) {
        return store.load(batchId);
    }

    @Override
    public void save(String batchId, ItemRecord item) {
        try {
            store.save(batchId, item);
        } finally {
            // Even when the store failed (closed by an interrupt): the journal has an accepted job by now.
            observed(item);
        }
    }

    @Override
    public Optional<ItemRecord> claim(String batchId, List<String> candidates, int maxInFlight) {
        Optional<ItemRecord> claimed = store.claim(batchId, candidates, maxInFlight);
        claimed.ifPresent(this::observed);
        return claimed;
    }

    @Override
    public Set<String> unowned(String batchId) {
        return store.unowned(batchId);
    }

    @Override
    public boolean adopt(String batchId, String key) {
        return store.adopt(batchId, key);
    }

    private void observed(ItemRecord r) {
        if (r.state() == ItemState.SUBMITTING) {
            submits.put(r.key(), inFlight.submitting("legnext batch run", fake));
        } else {
            InFlight.Submit s = submits.remove(r.key());
            if (s != null) {
                if (r.state() == ItemState.ACCEPTED && r.jobId().isPresent()) {
                    s.accepted(r.jobId().get());
                }
                s.close();
            }
        }
        events.add(r);
    }

    /** Wakes the command's thread. */
    void wake() {
        events.add(WAKE);
    }

    /** Whether {@code r} only woke the command's thread. */
    static boolean isWake(ItemRecord r) {
        return r.key().equals(WAKE.key());
    }

    /** The next record kept, or null when none came within {@code bound}. */
    ItemRecord next(Duration bound) throws InterruptedException {
        return events.poll(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether records are waiting to be shown. */
    boolean pending() {
        return !events.isEmpty();
    }

    // ------------------------------------------------------------------ the display, on the command's thread

    /**
     * Shows a record; answers whether it newly ended the item (it was not final before), which the command then
     * reports.
     */
    boolean show(ItemRecord r) {
        ItemState before = states.put(r.key(), r.state());
        boolean ended = r.state().isFinal() && before != r.state();
        if (ended) {
            finishedThisRun++;
        }
        if (!live && before != r.state() && r.state() != ItemState.SUBMITTING) {
            notice("legnext: " + file.where(r.key()) + ": '" + r.key() + "' " + describe(r) + "; " + counts());
        } else if (live && ended && r.state() != ItemState.COMPLETED) {
            notice("legnext: " + file.where(r.key()) + ": '" + r.key() + "' " + describe(r));
        }
        redraw();
        return ended;
    }

    private static String describe(ItemRecord r) {
        return switch (r.state()) {
            case ACCEPTED ->
                "accepted as job " + r.jobId().map(Object::toString).orElse("?");
            case COMPLETED ->
                "completed (job " + r.jobId().map(Object::toString).orElse("?") + ")";
            case PENDING -> "queued again" + r.detail().map(d -> ": " + d).orElse("");
            case SUBMITTING -> "submitting";
            case FAILED, SKIPPED, UNCERTAIN ->
                BatchTable.state(r.state()) + r.detail().map(d -> ": " + d).orElse("");
        };
    }

    /** {@code 5 done, 6 running, 9 queued, 0 failed}. */
    String counts() {
        int done = 0;
        int running = 0;
        int queued = 0;
        int failed = 0;
        for (ItemState s : states.values()) {
            switch (s) {
                case COMPLETED -> done++;
                case SUBMITTING, ACCEPTED -> running++;
                case PENDING -> queued++;
                case FAILED, SKIPPED, UNCERTAIN -> failed++;
            }
        }
        return done + " done, " + running + " running, " + queued + " queued, " + failed + " failed";
    }

    /** Redraws the status line in place, on a terminal only. */
    void redraw() {
        if (!live) {
            return;
        }
        long points = 0;
        int open = 0;
        for (BatchItem item : file.batch().items()) {
            ItemState s = states.getOrDefault(item.key(), ItemState.PENDING);
            if (s == ItemState.ACCEPTED || s == ItemState.COMPLETED || s == ItemState.UNCERTAIN) {
                points += BatchCosts.defaults().of(item.step().kind());
            }
            if (!s.isFinal()) {
                open++;
            }
        }
        Duration elapsed = Duration.between(start, clock.instant());
        String eta = finishedThisRun == 0 || open == 0
                ? ""
                : ", about " + Output.duration(elapsed.multipliedBy(open).dividedBy(finishedThisRun)) + " left";
        String text = "batch: " + counts() + "; " + points + " points; " + Output.duration(elapsed) + " elapsed" + eta;
        err.print("\r" + (text.length() >= width ? text : text + " ".repeat(width - text.length())));
        width = Math.max(width, text.length());
        err.flush();
    }

    /** A line of its own on stderr (unless quiet), clearing the status line first. */
    void notice(String line) {
        if (quiet) {
            return;
        }
        clear();
        err.println(line);
        err.flush();
    }

    /** Clears the status line. */
    void clear() {
        if (live && width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
            width = 0;
        }
    }
}
