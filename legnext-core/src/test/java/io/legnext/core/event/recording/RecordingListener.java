package io.legnext.core.event.recording;

import io.legnext.core.event.CallbackAccepted;
import io.legnext.core.event.CallbackRefused;
import io.legnext.core.event.HttpAttempt;
import io.legnext.core.event.JobStateChanged;
import io.legnext.core.event.LegnextListener;
import io.legnext.core.event.WaitEnded;
import io.legnext.core.event.WaitLookup;
import io.legnext.core.event.WaitStarted;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that keeps every event, in the order heard; for tests of the emitters. Thread-safe. */
public final class RecordingListener implements LegnextListener {

    private final List<Object> events = new CopyOnWriteArrayList<>();

    /** Every event heard so far. */
    public List<Object> events() {
        return List.copyOf(events);
    }

    /** The events of one type heard so far. */
    public <T> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The simple names of the events' types, in order: a readable summary for assertions. */
    public List<String> names() {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    @Override
    public void onHttpAttempt(HttpAttempt event) {
        events.add(event);
    }

    @Override
    public void onWaitStarted(WaitStarted event) {
        events.add(event);
    }

    @Override
    public void onWaitLookup(WaitLookup event) {
        events.add(event);
    }

    @Override
    public void onJobStateChanged(JobStateChanged event) {
        events.add(event);
    }

    @Override
    public void onWaitEnded(WaitEnded event) {
        events.add(event);
    }

    @Override
    public void onCallbackAccepted(CallbackAccepted event) {
        events.add(event);
    }

    @Override
    public void onCallbackRefused(CallbackRefused event) {
        events.add(event);
    }

    @Override
    public String toString() {
        return "RecordingListener";
    }
}
