package io.legnext.core.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/** Several listeners as one, each isolated: what one throws is reported once and reaches no one else. */
final class Listeners implements LegnextListener {

    /** Made at the first failure: a logger brings up the JDK's logging (about 25 classes) at its first use. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(LegnextListener.class.getName());
    }

    private static final Listeners EMPTY = new Listeners(List.of());

    /** One listener and whether its first failure was reported. */
    private record Isolated(LegnextListener listener, AtomicBoolean reported) {}

    private final List<Isolated> listeners;

    private Listeners(List<Isolated> listeners) {
        this.listeners = listeners;
    }

    static LegnextListener of(List<? extends LegnextListener> given) {
        Objects.requireNonNull(given, "listeners");
        List<Isolated> all = new ArrayList<>();
        for (LegnextListener l : given) {
            Objects.requireNonNull(l, "listener");
            if (l instanceof Listeners combined) {
                all.addAll(combined.listeners);
            } else if (l != NONE) {
                all.add(new Isolated(l, new AtomicBoolean()));
            }
        }
        return all.isEmpty() ? EMPTY : new Listeners(List.copyOf(all));
    }

    private <E> void tell(E event, BiConsumer<LegnextListener, E> call) {
        for (Isolated l : listeners) {
            try {
                call.accept(l.listener(), event);
            } catch (RuntimeException e) {
                if (l.reported().compareAndSet(false, true)) {
                    String why = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
                    Log.LOG.log(
                            System.Logger.Level.WARNING,
                            "The listener " + l.listener() + " failed on "
                                    + event.getClass().getSimpleName() + why
                                    + "; legnext goes on and does not report this"
                                    + " listener's later failures. Fix the listener.",
                            e);
                }
            }
        }
    }

    @Override
    public void onHttpAttempt(HttpAttempt event) {
        tell(event, LegnextListener::onHttpAttempt);
    }

    @Override
    public void onWaitStarted(WaitStarted event) {
        tell(event, LegnextListener::onWaitStarted);
    }

    @Override
    public void onWaitLookup(WaitLookup event) {
        tell(event, LegnextListener::onWaitLookup);
    }

    @Override
    public void onJobStateChanged(JobStateChanged event) {
        tell(event, LegnextListener::onJobStateChanged);
    }

    @Override
    public void onWaitEnded(WaitEnded event) {
        tell(event, LegnextListener::onWaitEnded);
    }

    @Override
    public void onCallbackAccepted(CallbackAccepted event) {
        tell(event, LegnextListener::onCallbackAccepted);
    }

    @Override
    public void onCallbackRefused(CallbackRefused event) {
        tell(event, LegnextListener::onCallbackRefused);
    }

    @Override
    public String toString() {
        return "LegnextListener.combine("
                + listeners.stream()
                        .map(l -> String.valueOf(l.listener()))
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("") + ")";
    }
}
