package io.legnext.spring.app;

import io.legnext.spring.LegnextCallbackEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The host's own listener: hears each job the webhook accepted. */
@Component
public class HeardJobs {
    private final List<LegnextCallbackEvent> heard = new CopyOnWriteArrayList<>();

    @EventListener
    public void on(LegnextCallbackEvent event) {
        heard.add(event);
    }

    public List<LegnextCallbackEvent> heard() {
        return heard;
    }
}
