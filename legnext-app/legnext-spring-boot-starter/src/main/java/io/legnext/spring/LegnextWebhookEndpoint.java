package io.legnext.spring;

import io.legnext.core.callback.CallbackRejectedException;
import io.legnext.core.event.CallbackRefused;
import io.legnext.core.event.LegnextListener;
import io.legnext.core.job.Job;
import io.legnext.core.port.in.ReceiveCallbackUseCase;
import io.legnext.core.service.CallbackReceiver;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The webhook endpoint's handler: hands the exact raw body and the headers of each POST to the
 * {@link ReceiveCallbackUseCase}, and answers as {@code legnext webhook serve} does: 200 for accepted and duplicate
 * deliveries, 401 for a bad or missing signature or a stale timestamp, 413 for a body over 1 MiB, 400 for anything
 * that is not a task object, 405 for anything but a POST. It never holds more than 1 MiB and a byte of a body: a
 * declared longer one is refused unread, an undeclared one as soon as it passes the limit. Each accepted job is
 * published as a {@link LegnextCallbackEvent}.
 */
public final class LegnextWebhookEndpoint {

    /** The largest body accepted, the receiver's and {@code legnext webhook serve}'s. */
    public static final int MAX_BODY_BYTES = CallbackReceiver.DEFAULT_MAX_BODY_BYTES;

    private static final Logger log = LoggerFactory.getLogger("io.legnext.app.callbacks");

    private final ReceiveCallbackUseCase receiver;
    private final ApplicationEventPublisher events;
    private final LegnextListener listener;
    private final Clock wallClock;

    /**
     * @param receiver verifies and ingests deliveries
     * @param events publishes each accepted job
     * @param listener hears of bodies refused here for their size, before the receiver sees them
     * @param wallClock stamps events
     */
    public LegnextWebhookEndpoint(
            ReceiveCallbackUseCase receiver,
            ApplicationEventPublisher events,
            LegnextListener listener,
            Clock wallClock) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.events = Objects.requireNonNull(events, "events");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
    }

    /** Answers a POST: reads at most the limit, then hands the body to the receiver. */
    public ServerResponse post(ServerRequest request) {
        HttpServletRequest servlet = request.servletRequest();
        long declared = servlet.getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            return tooLarge("The callback body declares " + declared + " bytes, more than the " + MAX_BODY_BYTES
                    + " accepted.");
        }
        byte[] body;
        try {
            body = readAtMost(servlet.getInputStream(), MAX_BODY_BYTES);
        } catch (IOException e) {
            log.warn("legnext callback: the body could not be read ({}); answered 400", e.getMessage());
            return answer(400);
        }
        if (body == null) {
            return tooLarge("The callback body has more than the " + MAX_BODY_BYTES + " bytes accepted.");
        }
        try {
            Optional<Job> job = receiver.receive(body, headers(request.headers().asHttpHeaders()));
            job.ifPresent(this::publish);
            return answer(200);
        } catch (CallbackRejectedException e) {
            // The receiver reported it to the listeners (and logged it) already.
            return answer(e.reason().httpStatus());
        } catch (RuntimeException e) {
            log.warn(
                    "legnext callback: the delivery could not be taken in{}; answered 400",
                    e.getMessage() == null ? "" : ": " + e.getMessage());
            return answer(400);
        }
    }

    /** Answers anything but a POST. */
    public ServerResponse notAllowed(ServerRequest request) {
        return ServerResponse.status(405)
                .header(HttpHeaders.ALLOW, "POST")
                .contentType(MediaType.TEXT_PLAIN)
                .body("POST callbacks here");
    }

    private void publish(Job job) {
        try {
            events.publishEvent(new LegnextCallbackEvent(job, wallClock.instant()));
        } catch (RuntimeException e) {
            // The delivery was accepted and is remembered: a 5xx would only make the service send a duplicate.
            log.warn("legnext callback: a listener of job {} failed: {}", job.id(), e.toString());
        }
    }

    private ServerResponse tooLarge(String why) {
        listener.onCallbackRefused(
                new CallbackRefused(CallbackRejectedException.Reason.TOO_LARGE, why, wallClock.instant()));
        log.warn("legnext callback refused with 413 (too large): {}", why);
        return answer(413);
    }

    private static ServerResponse answer(int status) {
        String text = switch (status) {
            case 200 -> "ok";
            case 401 -> "unauthorized";
            case 413 -> "body too large";
            default -> "rejected";
        };
        return ServerResponse.status(status).contentType(MediaType.TEXT_PLAIN).body(text);
    }

    /** The body, or null when it has more than {@code limit} bytes; reads at most one byte past the limit. */
    static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
        byte[] buffer = new byte[8192];
        int total = 0;
        while (true) {
            int n = in.read(buffer, 0, Math.min(buffer.length, limit + 1 - total));
            if (n < 0) {
                return out.toByteArray();
            }
            total += n;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
    }

    private static Map<String, List<String>> headers(HttpHeaders headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (String name : headers.keySet()) {
            List<String> values = headers.get(name);
            copy.put(name, values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values)));
        }
        return copy;
    }
}
