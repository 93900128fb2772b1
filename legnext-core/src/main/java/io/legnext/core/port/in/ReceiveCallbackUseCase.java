package io.legnext.core.port.in;

import io.legnext.core.job.Job;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Driving port: ingests a callback the service POSTed (raw body and headers): verifies it, delivers each job state
 * once, and completes any wait on that job at once.
 */
public interface ReceiveCallbackUseCase {

    /**
     * Verifies and ingests one delivery.
     *
     * @param body the raw request body, exactly as received
     * @param headers the request headers (names in any case)
     * @return the job, or empty when this exact job state was already delivered (a duplicate delivery)
     * @throws io.legnext.core.callback.CallbackRejectedException when the delivery is forged, stale, too large or
     *     malformed; answer it with 401 (signature, staleness) or 400 (size, format)
     */
    Optional<Job> receive(byte[] body, Map<String, List<String>> headers);
}
